/**
 * Turns what a site wrote into a checked config, naming each bad key the way
 * the site owner wrote it (`data-collector`, `samtalConfig.collector`,
 * `init({ collector })`), so one console line tells them what to fix.
 */
import { checkConfig, configKeys } from './check-config';
import type { SamtalConfig, SamtalConfigInput } from './config-schema';

/** Where a key came from; decides how an error names it. */
export type ConfigSource = 'attribute' | 'window' | 'init';

/** One problem with one key. */
export interface ConfigIssue {
  /** The key as the site owner wrote it, e.g. `data-collector`. */
  key: string;
  message: string;
}

/** Raw keys with the source each came from. */
export interface RawConfig {
  values: Record<string, unknown>;
  sources: Record<string, ConfigSource>;
}

/** The config after parsing: every default applied and the locale chosen. */
export type ResolvedConfig = Omit<SamtalConfig, 'locale'> & { locale: 'sv' | 'en' };

export type ConfigResult =
  | { success: true; data: ResolvedConfig }
  | { success: false; error: ConfigIssue[] };

const attributeNames: Record<keyof SamtalConfigInput, string> = Object.fromEntries(
  configKeys.map((key) => [key, `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`]),
) as Record<keyof SamtalConfigInput, string>;

/** How the site owner spelled `key`, given where it came from. */
export function describeKey(key: string, source: ConfigSource): string {
  if (source === 'attribute')
    return attributeNames[key as keyof SamtalConfigInput] ?? `data-${key}`;
  if (source === 'window') return `samtalConfig.${key}`;
  return `init({ ${key} })`;
}

const listKeys = new Set(['fields', 'redact', 'keepParams']);
const flagKeys = new Set(['googleConsentMode', 'allowPersonnummer', 'debug']);
const numberKeys = new Set(['zIndex', 'historyDays', 'chatTimeout', 'offset', 'offsetBottom']);

/**
 * `data-recipients`: a JSON array of `{ name, role?, country? }`, or, for a
 * hand-written tag, names separated by semicolons. Bad JSON is passed on as
 * text so the schema names the key.
 */
function recipientsFromAttribute(value: string): unknown {
  if (value.trim().startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name }));
}

/**
 * data-* attributes are always strings; give each key the type the schema
 * expects. A value that cannot convert is passed on unchanged so the schema
 * reports it.
 */
function fromAttribute(key: string, value: string): unknown {
  if (key === 'recipients') return recipientsFromAttribute(value);
  if (listKeys.has(key)) {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (flagKeys.has(key)) {
    if (value === '' || value === 'true') return true;
    if (value === 'false') return false;
    return value;
  }
  if (numberKeys.has(key)) {
    return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return value;
}

/**
 * Collects the keys of the embed: `window.samtalConfig` first, then the
 * script's `data-*` attributes, which win. Unknown attributes are ignored
 * (the host page may use data-* for its own loaders); unknown keys in an
 * object are reported.
 */
export function collectEmbedConfig(
  dataset: Record<string, string | undefined>,
  windowConfig: unknown,
): RawConfig {
  const values: Record<string, unknown> = {};
  const sources: Record<string, ConfigSource> = {};
  if (windowConfig !== undefined && windowConfig !== null && typeof windowConfig === 'object') {
    for (const [key, value] of Object.entries(windowConfig)) {
      values[key] = value;
      sources[key] = 'window';
    }
  }
  for (const key of configKeys) {
    const value = dataset[key];
    if (value === undefined) continue;
    values[key] = fromAttribute(key, value);
    sources[key] = 'attribute';
  }
  return { values, sources };
}

/** Wraps an `init(config)` argument. */
export function collectInitConfig(config: unknown): RawConfig {
  const values = config !== null && typeof config === 'object' ? { ...config } : {};
  const sources = Object.fromEntries(Object.keys(values).map((key) => [key, 'init' as const]));
  return { values, sources };
}

/**
 * Parses the config. `languages` are the browser's preferred languages, used
 * for the default locale: the first of them that is Swedish or English, else
 * Swedish. Returns every bad key, one issue each.
 */
export function parseConfig(
  raw: RawConfig,
  languages: readonly string[],
  fallbackSource: ConfigSource = 'attribute',
): ConfigResult {
  const result = checkConfig(raw.values);
  if (!result.success) {
    return {
      success: false,
      error: result.problems.map((problem) => ({
        key: describeKey(problem.key, raw.sources[problem.key] ?? fallbackSource),
        message: 'unknown' in problem ? 'is not a Samtal option' : problem.message,
      })),
    };
  }
  const preferred = languages
    .map((tag) => tag.slice(0, 2).toLowerCase())
    .find((tag) => tag === 'sv' || tag === 'en');
  const locale = result.data.locale ?? (preferred === 'en' ? 'en' : 'sv');
  return { success: true, data: { ...result.data, locale } };
}
