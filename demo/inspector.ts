/**
 * The demo's request inspector: what the widget sent, when, to where, with
 * its body, and, apart from that, which of its own files it loaded, so
 * anyone can see what leaves the browser before and after consent. The
 * moment of each consent decision is marked among the sends. Part of the
 * demo page, not of the widget.
 */

export interface InspectedRequest {
  method: string;
  url: string;
  status: number;
  body: string;
}

/** One of the widget's files, as the browser's Resource Timing saw it. */
export interface InspectedScript {
  url: string;
  /** Bytes over the network (compressed), 0 from the cache. */
  transferSize: number;
  /** Milliseconds since the page started loading. */
  startTime: number;
}

export interface Inspector {
  /** A request that carried data: to the collector or the chat. */
  add(request: InspectedRequest): void;
  /** A file of the widget's code. */
  addScript(script: InspectedScript): void;
  /** A consent decision, shown as a line between the sends before and after it. */
  markConsent(label: string): void;
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

const now = () => new Date().toLocaleTimeString('sv-SE');

function section(title: string, empty: string) {
  const wrapper = element('section', 'inspector__section');
  const heading = element('h2', 'inspector__heading');
  const count = element('span', 'inspector__count', '0');
  heading.append(title, ' ', count);
  const list = element('ol', 'inspector__list');
  const placeholder = element('p', 'inspector__empty', empty);
  wrapper.append(heading, placeholder, list);
  return {
    wrapper,
    add(item: HTMLLIElement, counts = true) {
      placeholder.hidden = true;
      list.prepend(item);
      if (counts) count.textContent = String(Number(count.textContent) + 1);
    },
    clear() {
      list.replaceChildren();
      count.textContent = '0';
      placeholder.hidden = false;
    },
  };
}

export function createInspector(backend: 'msw' | 'server'): Inspector {
  const root = element('aside', 'inspector');
  root.setAttribute('aria-label', 'Request inspector');
  const details = element('details', 'inspector__details');
  const summary = element('summary', 'inspector__summary');
  const total = element('span', 'inspector__count', '0');
  summary.append('Data sent by the widget ', total);
  const note = element(
    'p',
    'inspector__note',
    backend === 'msw'
      ? 'Collector and chat are played by msw in this tab. Nothing leaves your machine.'
      : 'Talking to the reference server on 127.0.0.1:8787.',
  );
  const sends = section('Data sent', 'Nothing yet: nothing leaves before you chat or decide.');
  const code = section('Code loaded', 'No widget code loaded yet.');
  const clear = element('button', 'inspector__clear', 'Clear');
  clear.type = 'button';
  clear.addEventListener('click', () => {
    sends.clear();
    code.clear();
    total.textContent = '0';
  });
  details.append(summary, note, clear, sends.wrapper, code.wrapper);
  root.append(details);
  document.body.append(root);

  return {
    add({ method, url, status, body }) {
      const item = element('li', 'inspector__item');
      const parsed = new URL(url);
      const head = element('div', 'inspector__head');
      head.append(
        element('time', 'inspector__time', now()),
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
      sends.add(item);
      total.textContent = String(Number(total.textContent) + 1);
    },
    addScript({ url, transferSize, startTime }) {
      const item = element('li', 'inspector__item');
      const head = element('div', 'inspector__head');
      const size = transferSize > 0 ? `${(transferSize / 1024).toFixed(1)} KB` : 'cache';
      head.append(
        element('time', 'inspector__time', `${Math.round(startTime)} ms`),
        element('span', 'inspector__url', new URL(url).pathname),
        element('span', 'inspector__size', size),
      );
      item.append(head);
      code.add(item);
    },
    markConsent(label) {
      const item = element('li', 'inspector__mark');
      item.append(element('time', 'inspector__time', now()), ` ${label}`);
      sends.add(item, false);
    },
  };
}
