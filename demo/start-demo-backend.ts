/**
 * Starts the demo's backend: msw's service worker playing the collector and
 * the chat bot (the same handlers the tests use), plus the request inspector.
 * With `npm run demo:server` the page talks to the real reference server
 * instead, and the inspector shows its real answers.
 */
import { setupWorker } from 'msw/browser';
import { createInspector } from './inspector';
import { demoHandlers } from './mocks/handlers';

declare const __SAMTAL_DEMO_BACKEND__: 'msw' | 'server';

export async function startDemoBackend(): Promise<void> {
  const inspector = createInspector(__SAMTAL_DEMO_BACKEND__);
  const worker = setupWorker(...(__SAMTAL_DEMO_BACKEND__ === 'msw' ? demoHandlers() : []));
  const isWidgetRequest = (url: URL) =>
    url.hostname.endsWith('.example') ||
    url.port === '8787' ||
    /^\/(samtal[\w-]*\.js|chunks\/)/.test(url.pathname);
  const bodies = new Map<string, Promise<string>>();
  worker.events.on('request:start', ({ request, requestId }) => {
    const url = new URL(request.url);
    if (!isWidgetRequest(url)) return;
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
