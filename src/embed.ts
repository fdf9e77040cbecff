/**
 * The script-tag entry, loaded by `samtal.js` when the browser is idle: reads
 * the config from the tag's data-* attributes and `window.samtalConfig`,
 * mounts the widget and connects `window.Samtal` to it.
 */
import type { ApiStub } from './api/create-api-stub';
import { collectEmbedConfig, parseConfig } from './config/parse-config';
import { createSamtal, inTasksOfTheirOwn } from './create-samtal';
import { reportConfigIssues } from './report-config-issues';

/** What the classic loader hands over. */
export interface BootOptions {
  /** The `<script>` element that loaded Samtal, or null when it cannot be found. */
  script: HTMLScriptElement | null;
  stub: Pick<ApiStub, 'attach' | 'abandon'>;
}

function whenBodyExists(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

/** Starts the widget. Never throws into the host page. */
export function boot({ script, stub }: BootOptions): void {
  const raw = collectEmbedConfig(
    { ...(script?.dataset ?? {}) },
    (window as { samtalConfig?: unknown }).samtalConfig,
  );
  const result = parseConfig(raw, navigator.languages ?? [navigator.language]);
  if (!result.success) {
    reportConfigIssues(result.error);
    stub.abandon();
    return;
  }
  const config = result.data;
  // Checking the config and building the widget are separate tasks, so neither blocks the page long.
  const start = () =>
    whenBodyExists(() => {
      try {
        stub.attach(createSamtal(config, inTasksOfTheirOwn));
      } catch (error) {
        stub.abandon();
        console.error('Samtal: the widget could not start.', error);
      }
    });
  inTasksOfTheirOwn(start);
}
