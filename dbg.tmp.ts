import { launchBrowser } from './tests/e2e/support/browser';
import { startLoopbackCollector } from './tests/e2e/support/loopback-collector';
import { hostPage, startStaticServer } from './tests/e2e/support/static-server';

const browser = await launchBrowser();
const server = await startStaticServer();
const collector = await startLoopbackCollector();
const body = `<a id="internal" href="/other?ref=mail#top">Other</a>`;
server.page('/', { html: hostPage({ site: 'acme-se', collector: collector.url }, { body }) });
server.page('/other', { html: hostPage({ site: 'acme-se', collector: collector.url }, { body }) });
const context = await browser.newContext();
await context.addInitScript({ path: '/tmp/tabs-probe/init.js' });
const page = await context.newPage();
page.on('console', (m) => console.log('CONSOLE', m.text()));
await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
await page.clock.pauseAt(new Date('2026-03-02T09:00:01Z'));
await page.goto(server.origin + '/');
await page.clock.runFor(5000);
await page.waitForFunction(() => document.querySelector('samtal-chat') !== null);
await page.evaluate(() => window.Samtal?.consent.set({ analytics: true, marketing: false }));
for (let i = 0; i < 20; i++) {
  const v = await page.evaluate(
    async () => ((await window.Samtal?.data.export()) as any)?.telemetry?.visitorId,
  );
  if (typeof v === 'string') break;
  await page.waitForTimeout(300);
}
await page.evaluate(() => {
  history.pushState({}, '', '/produkter');
});
await page.evaluate(() => localStorage.removeItem('dbg'));
await page.click('#internal');
await page.waitForURL('**/other?ref=mail#top');
await page.clock.runFor(6000);
await page.waitForTimeout(3000);
console.log(
  (await page.evaluate(() => JSON.parse(localStorage.getItem('dbg') ?? '[]'))).join('\n'),
);
for (const r of collector.to('events'))
  console.log(
    JSON.stringify(
      (r.body as any).events.map(
        (e: any) => e.type + ' ' + (e.navigation ?? '') + ' ' + (e.path ?? ''),
      ),
    ),
  );
await browser.close();
await server.close();
await collector.close();
