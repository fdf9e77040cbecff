/**
 * Starts the demo's backend: msw's service worker playing the collector and
 * the chat bot (the same handlers the tests use), plus the request inspector.
 * With `npm run demo:server` the page talks to the real reference server
 * instead, and the inspector shows its real answers. The inspector lists the
 * data the widget sends (from msw's events, with bodies) apart from the code
 * it loads (from Resource Timing, which also sees `samtal.js` itself, loaded
 * before the worker started), and marks each consent decision.
 */
import { setupWorker } from 'msw/browser';
import { createInspector, type Inspector } from './inspector';
import { demoHandlers } from './mocks/handlers';

declare const __SAMTAL_DEMO_BACKEND__: 'msw' | 'server';

/** The widget's own files: the classic script, the boot module and its chunks. */
const widgetCode = /\/(samtal[\w-]*\.js|chunks\/[\w.-]+\.js)$/;

function watchWidgetCode(inspector: Inspector): void {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (!widgetCode.test(new URL(entry.name).pathname)) continue;
      inspector.addScript({
        url: entry.name,
        transferSize: entry.transferSize,
        startTime: entry.startTime,
      });
    }
  }).observe({ type: 'resource', buffered: true });
}

const methodLabels: Record<string, string> = {
  accept: 'accepted all',
  reject: 'rejected all',
  custom: 'chose in Settings',
  withdraw: 'withdrew',
  host: 'set by the site',
};

/** A line in the sends at each decision, so "before" and "after" consent can be told apart. */
function markConsentDecisions(inspector: Inspector): void {
  const attach = () => {
    window.Samtal?.on('consent', ({ status, method, purposes }) => {
      if (status === 'undecided') {
        inspector.markConsent('Consent: asked again (nothing granted)');
        return;
      }
      const granted = (['analytics', 'marketing'] as const).filter((name) => purposes[name]);
      inspector.markConsent(
        `Consent: ${methodLabels[method ?? ''] ?? method} — ${granted.length > 0 ? granted.join(', ') : 'nothing'} granted`,
      );
    });
  };
  // samtal.js is an async script: it has run, and defined window.Samtal, by the load event.
  if (document.readyState === 'complete') attach();
  else window.addEventListener('load', attach, { once: true });
}

export async function startDemoBackend(): Promise<void> {
  const inspector = createInspector(__SAMTAL_DEMO_BACKEND__);
  const worker = setupWorker(...(__SAMTAL_DEMO_BACKEND__ === 'msw' ? demoHandlers() : []));
  const isDataSend = (url: URL) =>
    url.hostname.endsWith('.example') || (url.port === '8787' && url.pathname.startsWith('/v1/'));
  watchWidgetCode(inspector);
  markConsentDecisions(inspector);
  const bodies = new Map<string, Promise<string>>();
  worker.events.on('request:start', ({ request, requestId }) => {
    const url = new URL(request.url);
    if (!isDataSend(url)) return;
    bodies.set(requestId, request.method === 'GET' ? Promise.resolve('') : request.clone().text());
  });
  const settle = (requestId: string, request: Request, response: Response) => {
    const body = bodies.get(requestId);
    if (body === undefined) return;
    bodies.delete(requestId);
    void body.then((text) =>
      inspector.add({
        method: request.method,
        url: request.url,
        status: response.status,
        body: text,
      }),
    );
  };
  worker.events.on('response:mocked', ({ request, requestId, response }) =>
    settle(requestId, request, response),
  );
  worker.events.on('response:bypass', ({ request, requestId, response }) =>
    settle(requestId, request, response),
  );
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
}
