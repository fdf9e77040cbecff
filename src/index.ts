/**
 * The npm entry: `import { init } from 'samtal'`.
 *
 * `init` mounts the widget at once (the bundler user chose when) and returns
 * the same API as `window.Samtal`, which it also defines so a site's consent
 * tool can reach it either way.
 */
import { createApiStub } from './api/create-api-stub';
import type { SamtalApi } from './api/samtal-api';
import { isSamtalApi, markSamtalApi } from './api/samtal-mark';
import type { SamtalConfigInput } from './config/config-schema';
import { collectInitConfig, parseConfig } from './config/parse-config';
import { createSamtal } from './create-samtal';
import { reportConfigIssues } from './report-config-issues';

export type {
  ConsentChoice,
  ConsentSnapshot,
  MessageEventPayload,
  SamtalApi,
  SamtalDataExport,
  SamtalEvents,
} from './api/samtal-api';
export type {
  SamtalConfigInput,
  /** The same type under its earlier name. */
  SamtalConfigInput as SamtalConfig,
} from './config/config-schema';
export { version } from './create-samtal';

/**
 * Starts Samtal with `config` (the keys of contract §1, typed as
 * `SamtalConfigInput`, so TypeScript refuses a wrong key or value before
 * it runs). Plain JavaScript can pass anything: a bad config logs one
 * console error per key and returns an API whose calls do nothing; it
 * never throws.
 */
export function init(config: SamtalConfigInput): SamtalApi {
  const result = parseConfig(
    collectInitConfig(config),
    globalThis.navigator?.languages ?? [],
    'init',
  );
  if (!result.success) {
    reportConfigIssues(result.error);
    const stub = createApiStub();
    stub.abandon();
    return stub.api;
  }
  const api = markSamtalApi(createSamtal(result.data));
  const global = globalThis as { Samtal?: unknown };
  // A script tag's widget came first, or the page owns the name (an element with id="Samtal").
  if (!isSamtalApi(global.Samtal)) {
    try {
      global.Samtal = api;
    } catch {
      // The page made window.Samtal read-only: the returned API still works.
    }
  }
  return api;
}
