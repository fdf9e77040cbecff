/**
 * What a page's telemetry has claimed, read from Samtal's IndexedDB store
 * (`{site}:telemetry-claim:{event id}`, see `src/telemetry/telemetry-keys.ts`).
 *
 * A sender claims a batch before it posts it and lets the claim go only
 * once it has handled the answer (delivered: removed; failed: released,
 * after the retry time is set). So "no claim left" after a request arrived
 * at the collector is the observable sign that the page has heard the
 * answer: a test that runs the page's clock, or leaves the page, before
 * that point races the page instead of testing it.
 */
import type { Page } from 'playwright-core';

/**
 * How many telemetry claims `page` holds in storage for `site`. Only for a
 * page whose widget has already created its store (it opens the database
 * without creating it: a database made here would lack the widget's store).
 */
export function telemetryClaims(page: Page, site: string): Promise<number> {
  return page.evaluate(
    (prefix) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('samtal');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          if (!database.objectStoreNames.contains('data')) {
            database.close();
            reject(new Error('Samtal has no store in this page yet.'));
            return;
          }
          const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
          const count = database.transaction('data').objectStore('data').count(range);
          count.onsuccess = () => {
            database.close();
            resolve(count.result);
          };
          count.onerror = () => {
            database.close();
            reject(count.error);
          };
        };
      }),
    `${site}:telemetry-claim:`,
  );
}

/**
 * Resolves once `page` holds no telemetry claim for `site`: it has handled
 * the answer to its last request (or never claimed anything).
 */
export async function untilNoClaims(page: Page, site: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await telemetryClaims(page, site)) > 0) {
    if (Date.now() > deadline)
      throw new Error(`the page still held telemetry claims after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
