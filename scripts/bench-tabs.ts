/**
 * `npm run bench:tabs`: how telemetry leaves a browser with several tabs of
 * one site open, in real Chromium against a loopback collector (run
 * `npm run build` first; it measures dist/).
 *
 *   posts per event   event entries posted ÷ unique events, with 1, 3 and 5
 *                     tabs browsing for ~10 s and then closing (1.00 = none
 *                     posted twice)
 *   backlog           requests and events per request for 500 queued events
 *   unload            keepalive bytes a page starts as it unloads with a
 *                     500-event backlog, and how much of it arrives then
 *
 * Exits non-zero when posts per event is above 1.05 with any tab count.
 * Takes about two minutes; figures vary with the machine's load.
 */
import { launchBrowser } from '../tests/e2e/support/browser';
import { startLoopbackCollector } from '../tests/e2e/support/loopback-collector';
import { startStaticServer } from '../tests/e2e/support/static-server';
import {
  addScenarioPages,
  maxPostsPerEvent,
  measureBacklog,
  measurePostsPerEvent,
  measureUnload,
} from '../tests/e2e/support/tab-scenarios';

const browser = await launchBrowser();
const server = await startStaticServer();
const collector = await startLoopbackCollector();
addScenarioPages(server, collector);
let over = false;
try {
  for (const tabs of [1, 3, 5]) {
    const result = await measurePostsPerEvent({
      browser,
      origin: server.origin,
      collector,
      tabs,
    });
    const ratio = result.posted / Math.max(1, result.unique);
    over ||= ratio > maxPostsPerEvent;
    console.log(
      `${tabs} tab${tabs === 1 ? ' ' : 's'}  posts per event ${ratio.toFixed(3)}  (${result.posted} posted, ${result.unique} unique, ${result.requests} requests; page views arrived ${result.pageViewsArrived} of ${result.pageViewsMade})`,
    );
  }
  const backlog = await measureBacklog({ browser, origin: server.origin, collector });
  console.log(
    `backlog  ${backlog.queued} queued → ${backlog.requests} requests, events per request ${backlog.batchSizes.join(' ')}; largest body ${backlog.largestBytes} B; ${backlog.delivered} delivered, ${backlog.posted} posted`,
  );
  const unload = await measureUnload({ browser, origin: server.origin, collector });
  const started = unload.keepaliveStarted.reduce((sum, bytes) => sum + bytes, 0);
  console.log(
    `unload   ${unload.queued} queued → keepalive started ${unload.keepaliveStarted.length} requests, ${started} B (${unload.keepaliveStarted.join(' + ') || '0'}); ${unload.arrivedAtUnload} arrived at unload, ${unload.arrivedOnReturn} on return`,
  );
} finally {
  await browser.close();
  await server.close();
  await collector.close();
}
if (over) {
  console.error(`Over budget: more than ${maxPostsPerEvent} posts per unique event.`);
  process.exitCode = 1;
}
