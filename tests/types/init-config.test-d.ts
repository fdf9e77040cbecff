/**
 * `init`'s config is typed (issue #10): TypeScript refuses what the config
 * schema would refuse at run time. Checked by `npm run typecheck`; each
 * `@ts-expect-error` fails the check if its line ever compiles, so loosening
 * the type (to `unknown`, say) makes this file fail.
 */
import { init, type SamtalConfigInput } from '../../src/index';

const collector = 'https://collect.example.se/v1';

// What a site writes compiles, every optional key included.
init({ site: 'acme-se', collector });
const full: SamtalConfigInput = {
  site: 'acme-se',
  collector,
  chat: 'https://bot.example.se/v1/chat',
  locale: 'sv',
  policyUrl: 'https://example.se/integritetspolicy',
  policyVersion: '2026-01',
  fields: ['name', 'email', 'phone', 'orgnr'],
  consent: 'host',
};
init(full);

// @ts-expect-error the site id is text
init({ site: 123 });

// @ts-expect-error the site id is text, even with the collector given
init({ site: 123, collector });

// @ts-expect-error the collector is required
init({ site: 'acme-se' });

// @ts-expect-error the locale is sv or en
init({ site: 'acme-se', collector, locale: 'de' });

// @ts-expect-error only the contact fields the contract names
init({ site: 'acme-se', collector, fields: ['name', 'ssn'] });

// @ts-expect-error an unknown key is a mistake, not an option
init({ site: 'acme-se', collector, colour: 'red' });
