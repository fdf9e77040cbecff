/**
 * The half of `npm run check:layers` that imports cannot show: which globals
 * each layer may touch (../shared/style.md: "the core never touches window,
 * document, fetch or IndexedDB; the UI never calls fetch itself").
 *
 * Every identifier in a value position is resolved with the TypeScript type
 * checker, so `globalThis.fetch`, `self.indexedDB`, `{ fetch }` and a bare
 * `fetch(…)` are all seen, while a local variable or a property that happens
 * to be called `fetch` is not. A global declared by the ECMAScript standard
 * library is always allowed; one declared by the DOM or by Node's types is
 * allowed only by the layer's policy below.
 */
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import layerMap from './layers.cjs';

type Layer = keyof typeof layerMap.layers;

/** What a layer may use beyond ECMAScript: an allow-list, or a deny-list. */
type Policy =
  | { allow: readonly string[]; why: string }
  | { deny: readonly string[]; denyMembers: readonly string[]; why: string };

/** Host-neutral globals: the same in browsers, workers and Node. */
const neutral = [
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'setTimeout',
  'clearTimeout',
  'queueMicrotask',
  'structuredClone',
];

/** Talking to the network, which only the sender (net/) and the transports do. */
const network = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Request'];

/** The browser's stores, which only storage/ and the services that own a key touch. */
const storage = ['indexedDB', 'localStorage', 'sessionStorage', 'caches', 'cookieStore'];

const policies: Partial<Record<Layer, Policy>> = {
  pure: {
    allow: neutral,
    why: 'pure modules touch no browser or Node API (window, document, fetch, IndexedDB, storage, navigator, process …); pass what they need in',
  },
  bot: {
    allow: [
      ...neutral,
      'fetch',
      'Request',
      'Response',
      'Headers',
      'AbortController',
      'AbortSignal',
      'ReadableStream',
      'TransformStream',
      'TextDecoderStream',
      'crypto',
    ],
    why: 'bot/ runs in the demo page and in the server: HTTP clients yes, page or Node APIs no',
  },
  ui: {
    deny: [...network, ...storage],
    denyMembers: ['sendBeacon', ...storage],
    why: 'the UI never calls fetch or storage itself: it asks a service, and only net/ sends',
  },
};

/** Where TypeScript keeps the ECMAScript standard library's declarations. */
const isEcmaScriptLib = (fileName: string) =>
  /[\\/]typescript[\\/]lib[\\/]lib\.(es\d|es20\d\d|esnext|decorators)[\w.]*\.d\.ts$/.test(fileName);

/** A declaration at the top of a script file or inside `declare global { … }`. */
function isGlobalDeclaration(declaration: ts.Declaration): boolean {
  let node: ts.Node = declaration.parent;
  while (node) {
    if (ts.isSourceFile(node)) return !ts.isExternalModule(node);
    if (ts.isModuleDeclaration(node)) return node.name.text === 'global';
    if (
      ts.isInterfaceDeclaration(node) ||
      ts.isClassLike(node) ||
      ts.isTypeLiteralNode(node) ||
      ts.isObjectLiteralExpression(node) ||
      ts.isFunctionLike(node) ||
      ts.isBlock(node)
    ) {
      return false;
    }
    node = node.parent;
  }
  return false;
}

/** One use of a global a layer may not touch. */
export interface GlobalViolation {
  file: string;
  line: number;
  name: string;
  layer: Layer;
  why: string;
}

/** Checks every file under `root/src`; `root` holds tsconfig.json. */
export function checkGlobals(root: string): GlobalViolation[] {
  const configPath = resolve(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  const srcFolder = resolve(root, 'src');
  const files = parsed.fileNames.filter(
    (file) => file.startsWith(`${srcFolder}/`) && !file.endsWith('.d.ts'),
  );
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const violations: GlobalViolation[] = [];

  for (const file of files) {
    const path = relative(root, file);
    const layer = layerMap.layerOf(path);
    const policy = layer === null ? undefined : policies[layer];
    const source = program.getSourceFile(file);
    if (layer === null || policy === undefined || source === undefined) continue;

    const report = (node: ts.Node, name: string) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      violations.push({ file: path, line: line + 1, name, layer, why: policy.why });
    };

    const visit = (node: ts.Node): void => {
      // Types describe values; they do not touch them.
      if (
        ts.isTypeNode(node) ||
        ts.isImportDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node)
      ) {
        return;
      }
      if (ts.isIdentifier(node)) {
        const symbol = ts.isShorthandPropertyAssignment(node.parent)
          ? checker.getShorthandAssignmentValueSymbol(node.parent)
          : checker.getSymbolAtLocation(node);
        const declarations = symbol?.declarations ?? [];
        if (symbol && declarations.length > 0) {
          const fromLibrary = declarations.every((declaration) => {
            const fileName = declaration.getSourceFile().fileName;
            return fileName.includes('/node_modules/') && fileName.endsWith('.d.ts');
          });
          const global = fromLibrary && declarations.some(isGlobalDeclaration);
          const ecmaScript = declarations.some((declaration) =>
            isEcmaScriptLib(declaration.getSourceFile().fileName),
          );
          const name = symbol.getName();
          if (global && !ecmaScript) {
            if ('allow' in policy ? !policy.allow.includes(name) : policy.deny.includes(name)) {
              report(node, name);
            }
          } else if (
            fromLibrary &&
            'denyMembers' in policy &&
            policy.denyMembers.includes(name) &&
            ts.isPropertyAccessExpression(node.parent) &&
            node.parent.name === node
          ) {
            report(node, name);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return violations;
}
