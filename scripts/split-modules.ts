/**
 * A build plugin that splits chosen library modules into one module per
 * top-level declaration, so code splitting can put each declaration in the
 * chunk that uses it.
 *
 * Why: a bundler splits code between chunks by module. zod keeps every schema
 * type in one module (`zod/v4/core/schemas.js`, `zod/v4/mini/schemas.js`, …);
 * the boot chunk needs that module for the config, so every zod type that any
 * lazy chunk uses (records, unions, emails, …) would land in the boot chunk
 * too, loaded by every page. Split per declaration, the boot keeps only the
 * types the boot itself parses with, and the rest goes to the lazy chunks
 * that use it (issue 15, item 9).
 *
 * How: the module itself becomes a facade that re-exports each name from a
 * part (`<file>?samtal-part=<name>`); each part holds the module's imports (the
 * bundler drops those a part does not use), imports of the other parts it
 * names, and its own declaration. The parts are free of side effects, as the
 * whole module was (zod declares `"sideEffects": false`). A top-level
 * statement that is not a declaration would have an effect we cannot place,
 * so the plugin fails the build instead of guessing; a zod upgrade that adds
 * one must be reviewed.
 */
import { readFileSync } from 'node:fs';
import { type Plugin, parseAst } from 'vite';

type Node = { type: string; start: number; end: number; [key: string]: unknown };

const partQuery = '?samtal-part=';

/** The top-level names a declaration statement binds. */
function declaredNames(statement: Node): string[] {
  const declaration =
    statement.type === 'ExportNamedDeclaration'
      ? (statement.declaration as Node | null)
      : statement;
  if (!declaration) return [];
  if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') {
    return [(declaration.id as { name: string }).name];
  }
  if (declaration.type === 'VariableDeclaration') {
    return (declaration.declarations as { id: Node }[]).map((declarator) => {
      if (declarator.id.type !== 'Identifier') {
        throw new Error('split-modules: destructuring at the top level is not supported');
      }
      return (declarator.id as unknown as { name: string }).name;
    });
  }
  return [];
}

/**
 * Every identifier a statement mentions that could be a top-level name.
 * Property names (`a.b`, `{ b: 1 }`) are not references; a local variable
 * that shadows a top-level name is counted anyway, which only adds an import.
 */
function mentionedNames(node: unknown, names: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) mentionedNames(item, names);
    return names;
  }
  if (node === null || typeof node !== 'object') return names;
  const current = node as Node;
  if (current.type === 'Identifier') {
    names.add(current.name as string);
    return names;
  }
  for (const [key, value] of Object.entries(current)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const isPropertyName =
      (key === 'property' && current.type === 'MemberExpression' && !current.computed) ||
      (key === 'key' &&
        (current.type === 'Property' ||
          current.type === 'MethodDefinition' ||
          current.type === 'PropertyDefinition') &&
        !current.computed &&
        !(current.type === 'Property' && current.shorthand));
    if (isPropertyName) continue;
    if (key === 'label') continue;
    mentionedNames(value, names);
  }
  return names;
}

/** Top-level names a statement assigns to (`x = …`, `x++`). */
function assignedNames(node: unknown, names: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) assignedNames(item, names);
    return names;
  }
  if (node === null || typeof node !== 'object') return names;
  const current = node as Node;
  const target =
    current.type === 'AssignmentExpression'
      ? (current.left as Node)
      : current.type === 'UpdateExpression'
        ? (current.argument as Node)
        : null;
  if (target?.type === 'Identifier') names.add(target.name as string);
  for (const [key, value] of Object.entries(current)) {
    if (key !== 'type' && key !== 'start' && key !== 'end') assignedNames(value, names);
  }
  return names;
}

interface SplitModule {
  /** The module's own import declarations, repeated in every part. */
  imports: string;
  /** Part name → its statements, each exported, and the other parts' names it mentions. */
  parts: Map<string, { code: string; uses: string[] }>;
  /** Top-level name → the part that declares it. */
  partOf: Map<string, string>;
  /** The module's new body: re-exports of its exported names from their parts. */
  facade: string;
}

function split(code: string, id: string): SplitModule {
  const program = parseAst(code) as unknown as { body: Node[] };
  const imports: string[] = [];
  const facade: string[] = [];
  const declarations: { names: string[]; statement: Node; exported: boolean }[] = [];
  const localExports: { local: Node; exported: Node }[] = [];
  for (const statement of program.body) {
    const source = code.slice(statement.start, statement.end);
    if (statement.type === 'ImportDeclaration') {
      imports.push(source);
      continue;
    }
    if (
      statement.type === 'ExportAllDeclaration' ||
      (statement.type === 'ExportNamedDeclaration' && statement.source)
    ) {
      facade.push(source);
      continue;
    }
    if (statement.type === 'ExportNamedDeclaration' && !statement.declaration) {
      localExports.push(...(statement.specifiers as { local: Node; exported: Node }[]));
      continue;
    }
    const names = declaredNames(statement);
    if (names.length === 0) {
      throw new Error(
        `split-modules: ${id} has a top-level statement that is not a declaration (${statement.type}); review the plugin`,
      );
    }
    declarations.push({ names, statement, exported: statement.type === 'ExportNamedDeclaration' });
  }

  // A binding can only be assigned in the module that declares it: a statement that assigns to
  // another statement's top-level name joins that statement's part (union-find).
  const group = declarations.map((_, index) => index);
  const root = (index: number): number => {
    let current = index;
    while (group[current] !== current) current = group[current] ?? current;
    return current;
  };
  const statementOf = new Map<string, number>();
  declarations.forEach(({ names }, index) => {
    for (const name of names) statementOf.set(name, index);
  });
  declarations.forEach(({ statement }, index) => {
    for (const name of assignedNames(statement, new Set())) {
      const owner = statementOf.get(name);
      if (owner !== undefined) group[root(owner)] = root(index);
    }
  });

  const partOf = new Map<string, string>();
  const members = new Map<number, number[]>();
  declarations.forEach((_, index) => {
    const key = root(index);
    members.set(key, [...(members.get(key) ?? []), index]);
  });
  const partName = (key: number) => declarations[members.get(key)?.[0] ?? key]?.names[0] ?? '';
  declarations.forEach(({ names }, index) => {
    for (const name of names) partOf.set(name, partName(root(index)));
  });

  const parts = new Map<string, { code: string; uses: string[] }>();
  for (const [key, indexes] of members) {
    const part = partName(key);
    const mentioned = new Set<string>();
    const sources: string[] = [];
    for (const index of indexes) {
      const { statement, exported } = declarations[index] as (typeof declarations)[number];
      mentionedNames(statement, mentioned);
      const source = code.slice(statement.start, statement.end);
      sources.push(exported ? source : `export ${source}`);
    }
    const uses = [...mentioned].filter((name) => partOf.has(name) && partOf.get(name) !== part);
    parts.set(part, { code: sources.join('\n'), uses });
  }
  const reexport = (local: string, exported: string) => {
    const target = JSON.stringify(id + partQuery + partOf.get(local));
    return `export { ${local === exported ? local : `${local} as ${exported}`} } from ${target};`;
  };
  for (const { names, exported } of declarations) {
    if (exported) for (const name of names) facade.push(reexport(name, name));
  }
  for (const { local, exported } of localExports) {
    const localName = local.name as string;
    if (!partOf.has(localName)) {
      throw new Error(`split-modules: ${id} exports ${localName}, which it does not declare`);
    }
    facade.push(reexport(localName, (exported.name ?? exported.value) as string));
  }
  return { imports: imports.join('\n'), parts, partOf, facade: facade.join('\n') };
}

/**
 * Splits each module whose file path matches one of `files` (absolute paths
 * or path suffixes, e.g. `zod/v4/core/schemas.js`).
 */
export function splitModules(files: string[]): Plugin {
  const cache = new Map<string, SplitModule>();
  const matches = (id: string) => files.some((file) => id.replaceAll('\\', '/').endsWith(file));
  const splitOf = (file: string) => {
    let result = cache.get(file);
    if (!result) {
      result = split(readFileSync(file, 'utf8'), file);
      cache.set(file, result);
    }
    return result;
  };
  return {
    name: 'samtal-split-modules',
    enforce: 'pre',
    resolveId(source) {
      return source.includes(partQuery) ? source : null;
    },
    load(id) {
      const at = id.indexOf(partQuery);
      if (at >= 0) {
        const file = id.slice(0, at);
        const name = id.slice(at + partQuery.length);
        const module = splitOf(file);
        const part = module.parts.get(name);
        if (!part) throw new Error(`split-modules: no part ${name} in ${file}`);
        const ownImports = part.uses.map(
          (used) =>
            `import { ${used} } from ${JSON.stringify(file + partQuery + module.partOf.get(used))};`,
        );
        return {
          code: [module.imports, ...ownImports, part.code].join('\n'),
          moduleSideEffects: false,
        };
      }
      if (matches(id)) return { code: splitOf(id).facade, moduleSideEffects: false };
      return null;
    },
  };
}
