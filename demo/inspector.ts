/**
 * The demo's request inspector: every request the widget made, when, to
 * where, and its body, so anyone can see what is sent before and after
 * consent. Part of the demo page, not of the widget.
 */

export interface InspectedRequest {
  method: string;
  url: string;
  status: number;
  body: string;
}

export interface Inspector {
  add(request: InspectedRequest): void;
}

function element<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  className: string,
  text = '',
): HTMLElementTagNameMap[Tag] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function pretty(body: string): string {
  if (body === '') return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function createInspector(backend: 'msw' | 'server'): Inspector {
  const root = element('aside', 'inspector');
  root.setAttribute('aria-label', 'Request inspector');
  const details = element('details', 'inspector__details');
  const summary = element('summary', 'inspector__summary');
  const count = element('span', 'inspector__count', '0');
  summary.append('Requests from the widget ', count);
  const note = element(
    'p',
    'inspector__note',
    backend === 'msw'
      ? 'Collector and chat are played by msw in this tab. Nothing leaves your machine.'
      : 'Talking to the reference server on 127.0.0.1:8787.',
  );
  const clear = element('button', 'inspector__clear', 'Clear');
  clear.type = 'button';
  const list = element('ol', 'inspector__list');
  list.setAttribute('aria-live', 'off');
  clear.addEventListener('click', () => {
    list.replaceChildren();
    count.textContent = '0';
  });
  details.append(summary, note, clear, list);
  root.append(details);
  document.body.append(root);

  return {
    add({ method, url, status, body }) {
      const item = element('li', 'inspector__item');
      const parsed = new URL(url);
      const head = element('div', 'inspector__head');
      head.append(
        element('time', 'inspector__time', new Date().toLocaleTimeString('sv-SE')),
        element('strong', 'inspector__method', method),
        element('span', 'inspector__url', `${parsed.host}${parsed.pathname}`),
        element(
          'span',
          status >= 400 ? 'inspector__status inspector__status--bad' : 'inspector__status',
          String(status),
        ),
      );
      item.append(head);
      const text = pretty(body);
      if (text) item.append(element('pre', 'inspector__body', text));
      list.prepend(item);
      count.textContent = String(list.children.length);
    },
  };
}
