/**
 * A site's TypeScript against the shipped declarations (`dist/types`, the
 * package's `types`): run by tests/e2e/package.test.ts after the build,
 * which fails if `init({ site: 123 })` compiles.
 */
import { init, type SamtalConfigInput } from 'samtal';

const config: SamtalConfigInput = { site: 'acme-se', collector: 'https://collect.example.se/v1' };
init(config);

// @ts-expect-error the site id is text
init({ site: 123 });

// @ts-expect-error the site id is text, even with the collector given
init({ site: 123, collector: 'https://collect.example.se/v1' });
