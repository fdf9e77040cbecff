/**
 * Reads the settings from a JSON file, the environment and command-line flags
 * (later ones win), and validates the result once, with errors that name the
 * key, the source and what is wrong.
 */
import { readFileSync } from 'node:fs';
import { type ServerConfig, serverConfigSchema } from './server-config';

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'origins' | 'rate';

interface Setting {
  flag: string;
  env: string;
  path: readonly string[];
  kind: Kind;
}

/** Every setting that has a flag and an environment variable, and where it lands in the config. */
export const configSettings: readonly Setting[] = [
  { flag: 'host', env: 'SAMTAL_HOST', path: ['host'], kind: 'string' },
  { flag: 'port', env: 'SAMTAL_PORT', path: ['port'], kind: 'integer' },
  { flag: 'db', env: 'SAMTAL_DB', path: ['database'], kind: 'string' },
  { flag: 'origins', env: 'SAMTAL_ORIGINS', path: ['sites'], kind: 'origins' },
  { flag: 'trust-proxy', env: 'SAMTAL_TRUST_PROXY', path: ['trustProxy'], kind: 'boolean' },
  { flag: 'rate-limit', env: 'SAMTAL_RATE_LIMIT', path: ['rateLimit'], kind: 'rate' },
  {
    flag: 'events-months',
    env: 'SAMTAL_EVENTS_MONTHS',
    path: ['retention', 'eventsMonths'],
    kind: 'integer',
  },
  {
    flag: 'leads-months',
    env: 'SAMTAL_LEADS_MONTHS',
    path: ['retention', 'leadsMonths'],
    kind: 'integer',
  },
  {
    flag: 'conversations-months',
    env: 'SAMTAL_CONVERSATIONS_MONTHS',
    path: ['retention', 'conversationsMonths'],
    kind: 'integer',
  },
  {
    flag: 'receipts-months',
    env: 'SAMTAL_RECEIPTS_MONTHS',
    path: ['retention', 'receiptsMonths'],
    kind: 'integer',
  },
  {
    flag: 'store-conversations',
    env: 'SAMTAL_STORE_CONVERSATIONS',
    path: ['storeConversations'],
    kind: 'boolean',
  },
  { flag: 'durability', env: 'SAMTAL_DURABILITY', path: ['durability'], kind: 'string' },
  { flag: 'knowledge', env: 'SAMTAL_KNOWLEDGE', path: ['knowledge'], kind: 'string' },
  { flag: 'llm-url', env: 'SAMTAL_LLM_URL', path: ['llm', 'url'], kind: 'string' },
  { flag: 'llm-model', env: 'SAMTAL_LLM_MODEL', path: ['llm', 'model'], kind: 'string' },
  {
    flag: 'llm-timeout',
    env: 'SAMTAL_LLM_TIMEOUT',
    path: ['llm', 'timeoutSeconds'],
    kind: 'number',
  },
  { flag: 'bot-url', env: 'SAMTAL_BOT_URL', path: ['bot', 'url'], kind: 'string' },
  { flag: 'bot-protocol', env: 'SAMTAL_BOT_PROTOCOL', path: ['bot', 'protocol'], kind: 'string' },
  {
    flag: 'bot-timeout',
    env: 'SAMTAL_BOT_TIMEOUT',
    path: ['bot', 'timeoutSeconds'],
    kind: 'number',
  },
  { flag: 'access-log', env: 'SAMTAL_ACCESS_LOG', path: ['accessLog'], kind: 'boolean' },
  { flag: 'db-pool', env: 'SAMTAL_DB_POOL', path: ['postgres', 'poolSize'], kind: 'integer' },
  {
    flag: 'db-statement-timeout',
    env: 'SAMTAL_DB_STATEMENT_TIMEOUT',
    path: ['postgres', 'statementTimeoutMs'],
    kind: 'integer',
  },
  { flag: 'db-tls', env: 'SAMTAL_DB_TLS', path: ['postgres', 'tls'], kind: 'string' },
  { flag: 'db-ca', env: 'SAMTAL_DB_CA', path: ['postgres', 'caFile'], kind: 'string' },
];

/**
 * The command line with every bare boolean setting flag (`--access-log` with
 * no value, or followed by another flag) written as `--access-log=true`; a
 * flag followed by a word keeps that word as its value (`--access-log false`),
 * and `--flag=value` is left as it is.
 */
export function withBareBooleans(argv: readonly string[]): string[] {
  const booleans = new Set(
    configSettings.filter((setting) => setting.kind === 'boolean').map(({ flag }) => `--${flag}`),
  );
  return argv.map((arg, index) => {
    const next = argv[index + 1];
    return booleans.has(arg) && (next === undefined || next.startsWith('-')) ? `${arg}=true` : arg;
  });
}

/** Flag values as `node:util` `parseArgs` returns them; every flag takes a string. */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface ConfigSources {
  flags: FlagValues;
  env: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

/** Settled settings, or one message listing every problem. */
export type ConfigResult =
  | { success: true; data: ServerConfig }
  | { success: false; error: string };

type Layer = Record<string, unknown>;

/** `acme-se=https://acme.se,https://www.acme.se;demo=http://localhost:*` → `{ sites }`. */
function parseOrigins(text: string): unknown {
  const sites: Record<string, { origins: string[] }> = {};
  for (const entry of text
    .split(/[;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [site = '', origins = ''] = entry.split('=', 2);
    sites[site.trim()] = { origins: origins.split(/[\s,]+/).filter(Boolean) };
  }
  return sites;
}

// Values that do not convert stay strings, so the schema reports them with their key.
function convert(kind: Kind, raw: string): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'integer':
      return /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    case 'origins':
      return parseOrigins(raw);
    case 'rate': {
      const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
      return match ? { requests: Number(match[1]), perSeconds: Number(match[2]) } : raw;
    }
  }
}

function setPath(layer: Layer, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    layer[head] = value;
    return;
  }
  const inner = layer[head];
  const child: Layer = isPlainObject(inner) ? inner : {};
  layer[head] = child;
  setPath(child, rest, value);
}

function isPlainObject(value: unknown): value is Layer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: Layer, over: Layer): Layer {
  const merged: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    // Sites replace as a whole: a flag listing sites means exactly those sites.
    merged[key] =
      key !== 'sites' && isPlainObject(current) && isPlainObject(value)
        ? merge(current, value)
        : value;
  }
  return merged;
}

function layerFrom(read: (setting: Setting) => string | undefined): Layer {
  const layer: Layer = {};
  for (const setting of configSettings) {
    const raw = read(setting);
    if (raw !== undefined) setPath(layer, setting.path, convert(setting.kind, raw));
  }
  return layer;
}

function flagText(value: FlagValues[string]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? value.join(';') : value;
}

export function loadServerConfig({
  flags,
  env,
  readFile = (path) => readFileSync(path, 'utf8'),
}: ConfigSources): ConfigResult {
  const used: string[] = [];
  let fileLayer: Layer = {};
  const configPath = flagText(flags.config) ?? env.SAMTAL_CONFIG;
  if (configPath !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFile(configPath));
    } catch (error) {
      return {
        success: false,
        error: `cannot read the config file ${configPath}: ${(error as Error).message}`,
      };
    }
    if (!isPlainObject(parsed)) {
      return { success: false, error: `the config file ${configPath} must hold a JSON object` };
    }
    fileLayer = parsed;
    used.push(`file ${configPath}`);
  }
  const envLayer = layerFrom((setting) => env[setting.env]);
  if (Object.keys(envLayer).length > 0) used.push('environment');
  const flagLayer = layerFrom((setting) => flagText(flags[setting.flag]));
  if (Object.keys(flagLayer).length > 0) used.push('flags');

  const result = serverConfigSchema.safeParse(merge(merge(fileLayer, envLayer), flagLayer));
  if (result.success) return { success: true, data: result.data };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.join('.') || '(root)';
    const setting = configSettings.find(
      (candidate) =>
        candidate.path.join('.') === issue.path.slice(0, candidate.path.length).join('.'),
    );
    const where = setting ? ` (flag --${setting.flag}, env ${setting.env})` : '';
    return `  ${path}${where}: ${issue.message}`;
  });
  const from = used.length > 0 ? used.join(', ') : 'defaults only';
  return {
    success: false,
    error: `invalid configuration (read from ${from}):\n${problems.join('\n')}`,
  };
}
