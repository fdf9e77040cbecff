/**
 * Where every file under `src/` belongs (../shared/style.md, "Layers, inward
 * only" and "As the product grows past the widget"). Read by
 * `.dependency-cruiser.cjs` (which imports may point where) and by
 * `scripts/check-globals.ts` (which globals a layer may touch), so both checks
 * agree on one map.
 *
 * Each value is a list of path regexes relative to the repository root. A
 * file that matches none is an error: a new folder must be given a layer
 * here, it never defaults to the loosest one.
 *
 * The widget's layers, inward first:
 *   pure      wire shapes, config, field rules, texts, consent rules, Markdown
 *             — no browser or Node API, no package but the schema library
 *   edges     storage and the one sender: the only code that does I/O
 *   services  consent, telemetry, chat, leads, rights: join pure rules to the edges
 *   ui        the launcher, banner, panel and views
 *   entries   the composition root and the two entry points
 * and the other two programs with their shared library:
 *   bot       knowledge base, matching, model and bridge clients (browser-safe:
 *             the demo's msw handlers run it in the page)
 *   server    the reference collector and chat server (Node)
 *   console   the site owner's pages (browser, our own page)
 */

/** @type {Record<'pure' | 'edges' | 'services' | 'ui' | 'entries' | 'bot' | 'server' | 'console', string[]>} */
const layers = {
  pure: [
    '^src/protocol/',
    '^src/config/',
    '^src/fields/',
    '^src/i18n/',
    '^src/api/',
    '^src/state/',
    '^src/markdown/',
    '^src/data/(build-data-export|create-data-registry)\\.ts$',
    '^src/chat/(demo-bot|create-sse-parser|message-length-bucket)\\.ts$',
    '^src/consent/(consent-rules|consent-service|may-send)\\.ts$',
    '^src/telemetry/(minimise-url|parse-user-agent|telemetry-keys)\\.ts$',
  ],
  edges: ['^src/storage/', '^src/net/'],
  services: [
    '^src/consent/',
    '^src/telemetry/',
    '^src/chat/',
    '^src/leads/',
    '^src/rights/',
    '^src/data/erase-visitor-data\\.ts$',
  ],
  ui: ['^src/ui/'],
  entries: [
    '^src/(loader|embed|index|create-samtal|create-services|register-data-sections|report-config-issues)\\.ts$',
  ],
  bot: ['^src/bot/'],
  server: ['^src/server/'],
  console: ['^src/console/'],
};

/**
 * The widget's layers in order, inward first: a file may import its own
 * layer or an inner one.
 */
const widgetOrder = ['pure', 'edges', 'services', 'ui', 'entries'];

/**
 * Packages pure code may import: the schema library, free of I/O, running in
 * the browser and in Node alike. (The Markdown module is our own parser, see
 * src/markdown/parse-markdown.ts, so it needs none.)
 */
const purePackages = ['zod'];

/**
 * The layer of a path relative to the repository root; the first match in
 * the order of `layers` wins, so `src/consent/consent-rules.ts` is pure while
 * the rest of `src/consent/` is a service. Null: in no layer.
 *
 * @param {string} path
 * @returns {keyof typeof layers | null}
 */
function layerOf(path) {
  for (const [layer, patterns] of Object.entries(layers)) {
    if (patterns.some((pattern) => new RegExp(pattern).test(path))) {
      return /** @type {keyof typeof layers} */ (layer);
    }
  }
  return null;
}

module.exports = { layers, widgetOrder, purePackages, layerOf };
