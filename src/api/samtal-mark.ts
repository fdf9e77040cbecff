/**
 * How Samtal knows `window.Samtal` is its own. A truthiness check is not
 * enough: an element with `id="Samtal"` makes `window.Samtal` that element
 * (HTML's named access on the Window object), and a page may own other
 * globals by that name; the widget then stopped without a word (issue 15,
 * item 10). The mark is a registered symbol, so two copies of Samtal on one
 * page (a script tag and `init`) still recognise each other.
 */
const mark = Symbol.for('samtal.api');

/** Marks `api` as Samtal's; returns it. */
export function markSamtalApi<Api extends object>(api: Api): Api {
  Object.defineProperty(api, mark, { value: true });
  return api;
}

/** Whether `value` is an API that a copy of Samtal created (not a page's element or object). */
export function isSamtalApi(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    (value as { [mark]?: unknown })[mark] === true
  );
}
