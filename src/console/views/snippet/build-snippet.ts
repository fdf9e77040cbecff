/** The script tag for a site (contract §1), with attribute values escaped for HTML. */
import type { LeadFieldName } from '../../../protocol/lead';

export interface SnippetOptions {
  site: string;
  /** The origin this server is reached at, e.g. `https://samtal.example.se`. */
  origin: string;
  locale: 'auto' | 'sv' | 'en';
  policyUrl: string;
  policyVersion: string;
  fields: readonly LeadFieldName[];
  consent: 'banner' | 'host';
  chat: boolean;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function buildSnippet(options: SnippetOptions): string {
  const attributes: Array<[string, string]> = [
    ['src', `${options.origin}/widget/samtal.js`],
    ['data-site', options.site],
    ['data-collector', `${options.origin}/v1`],
  ];
  if (options.chat) attributes.push(['data-chat', `${options.origin}/v1/chat`]);
  if (options.locale !== 'auto') attributes.push(['data-locale', options.locale]);
  if (options.policyUrl.trim()) attributes.push(['data-policy-url', options.policyUrl.trim()]);
  if (options.policyVersion.trim())
    attributes.push(['data-policy-version', options.policyVersion.trim()]);
  const fields = options.fields.join(',');
  if (fields !== 'name,email') attributes.push(['data-fields', fields]);
  if (options.consent === 'host') attributes.push(['data-consent', 'host']);
  const lines = attributes.map(([name, value]) => `        ${name}="${escapeAttribute(value)}"`);
  return `<script async\n${lines.join('\n')}></script>`;
}
