/**
 * Import rules for `src/`, as ../shared/style.md states them; run by
 * `npm run check:layers` (scripts/check-layers.ts), which also checks the
 * globals each layer may touch (scripts/check-globals.ts). The layer map is
 * scripts/layers.cjs. Type-only imports count: a type from an outer layer is
 * still a dependency on it.
 */
const { layers, widgetOrder, purePackages } = require('./scripts/layers.cjs');

const all = Object.values(layers).flat();
const widget = widgetOrder.flatMap((layer) => layers[layer]);
const order = Object.keys(layers);

/** A layer's files: its patterns, less what an earlier layer already claims (first match wins). */
function only(layer) {
  const earlier = order.slice(0, order.indexOf(layer)).flatMap((name) => layers[name]);
  return earlier.length > 0 ? { path: layers[layer], pathNot: earlier } : { path: layers[layer] };
}

/** Modules under src/ that are none of `allowed` (a list of layer names). */
function srcExcept(...allowed) {
  return { path: '^src/', pathNot: allowed.flatMap((layer) => layers[layer]) };
}

const npm = ['npm', 'npm-bundled', 'npm-no-pkg', 'npm-optional', 'npm-peer', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'not-in-a-layer',
      comment:
        'Every file under src/ has a layer in scripts/layers.cjs; a new folder gets one there and never defaults to the loosest.',
      severity: 'error',
      from: { path: '^src/', pathNot: all },
      to: {},
    },
    {
      name: 'not-in-a-layer',
      comment: 'Imports a file under src/ that has no layer in scripts/layers.cjs.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: all },
    },
    {
      name: 'not-in-a-layer',
      comment: 'A file under src/ with no layer in scripts/layers.cjs (and no imports either way).',
      severity: 'error',
      from: { orphan: true, path: '^src/', pathNot: all },
      to: {},
    },
    ...widgetOrder.slice(0, -1).map((layer, index) => ({
      name: `${layer}-imports-inward`,
      comment: `Layers point inward (${widgetOrder.join(' → ')}): ${layer} may import only ${widgetOrder.slice(0, index + 1).join(', ')}.`,
      severity: 'error',
      from: only(layer),
      to: {
        path: widget,
        pathNot: widgetOrder.slice(0, index + 1).flatMap((name) => layers[name]),
      },
    })),
    {
      name: 'widget-not-into-other-programs',
      comment: 'The widget never imports server/, console/ or bot/.',
      severity: 'error',
      from: { path: widget },
      to: { path: [...layers.server, ...layers.console, ...layers.bot] },
    },
    {
      name: 'server-imports',
      comment:
        'The server imports only protocol/, pure modules and bot/ (and the console only as built files).',
      severity: 'error',
      from: { path: layers.server },
      to: srcExcept('server', 'bot', 'pure'),
    },
    {
      name: 'bot-imports',
      comment:
        'bot/ imports only pure modules: the demo runs it in the browser, the server in Node.',
      severity: 'error',
      from: { path: layers.bot },
      to: srcExcept('bot', 'pure'),
    },
    {
      name: 'console-imports',
      comment: 'The console imports no widget code beyond protocol/ and i18n/.',
      severity: 'error',
      from: { path: layers.console },
      to: { path: '^src/', pathNot: [...layers.console, '^src/protocol/', '^src/i18n/'] },
    },
    {
      name: 'pure-packages',
      comment: `Pure modules import no package but ${purePackages.join(', ')}: no storage, no UI library, no I/O.`,
      severity: 'error',
      from: only('pure'),
      to: {
        dependencyTypes: npm,
        pathNot: `node_modules/(${purePackages.join('|')})/`,
      },
    },
    {
      name: 'no-node-in-browser-code',
      comment:
        'Pure modules, the widget, bot/ and the console run in the browser: no Node core module (file and process I/O belongs to server/).',
      severity: 'error',
      from: { path: [...widget, ...layers.bot, ...layers.console] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-dev-dependencies',
      comment: 'What ships must not need a devDependency at run time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'No cycles: each module can be read, tested and loaded after what it imports.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing cannot be checked.',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
