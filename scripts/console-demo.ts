/**
 * `npm run demo:console`: the console with a month of made-up activity, to
 * try it or look at it. Starts the server on 127.0.0.1 with a throwaway
 * database, adds the user demo@example.se (password printed below) for the
 * sites `demo` and `acme-se`, and fills it through the collector's storage:
 * consent receipts, page views, devices, leads, conversations, an erasure.
 * Ctrl-C stops it and deletes the database.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPasswordHasher } from '../src/server/admin/password-hasher';
import { consoleDatabase } from '../src/server/admin/storage/console-database';
import { createUsersStore } from '../src/server/admin/storage/create-users-store';
import { serverConfigSchema } from '../src/server/server-config';
import { startServer } from '../src/server/start-server';
import type { CollectorStorage } from '../src/server/storage/collector-storage';

export const demoEmail = 'demo@example.se';
export const demoPassword = 'samtal-demo-password';

const day = 86_400_000;

/** A small, steady pseudo-random sequence, so every run shows the same month. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Fills `storage` with about a month of activity for `site`, ending at `now`. */
export async function seedDemoData(
  storage: CollectorStorage,
  site: string,
  now: number,
): Promise<void> {
  const next = random(site.length * 7919);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const paths = ['/', '/tjanster', '/priser', '/kontakt', '/om-oss', '/blogg/varservice', '/jobb'];
  const referrers = [
    'https://www.google.com',
    'https://www.bing.com',
    'https://www.linkedin.com',
    'https://duckduckgo.com',
  ];
  const names = [
    'Anna Lindqvist',
    'Erik Johansson',
    'Sara Nilsson',
    'Mohammed Ali',
    'Karin Berg',
    'Jonas Ek',
    'Li Wei',
    'Oskar Holm',
  ];
  for (let daysAgo = 29; daysAgo >= 0; daysAgo--) {
    const dayStart = now - daysAgo * day - (now % day);
    const visitors = 8 + Math.floor(next() * 14) + (daysAgo % 7 < 2 ? -4 : 3);
    for (let visitor = 0; visitor < visitors; visitor++) {
      const at = Math.min(now - 600_000, dayStart + Math.floor(next() * (day - 3_600_000)));
      const method = pick([
        'accept',
        'accept',
        'accept',
        'reject',
        'reject',
        'custom',
        'withdraw',
      ] as const);
      const analytics = method === 'accept' || (method === 'custom' && next() > 0.3);
      const marketing = method === 'accept' || (method === 'custom' && next() > 0.7);
      const consentId = randomUUID();
      await storage.insertReceipt(
        {
          id: consentId,
          site,
          policyVersion: daysAgo > 12 ? '2026-01' : '2026-03',
          purposes: { analytics, marketing },
          decidedAt: new Date(at).toISOString(),
          method,
          locale: next() > 0.2 ? 'sv' : 'en',
          textHash: 'a'.repeat(64),
        },
        at,
      );
      if (!analytics) continue;
      const visitorId = randomUUID();
      const events = [
        {
          id: randomUUID(),
          type: 'device' as const,
          at: new Date(at).toISOString(),
          deviceType: pick(['mobile', 'mobile', 'desktop', 'desktop', 'tablet'] as const),
          browser: pick(['chrome', 'chrome', 'safari', 'firefox', 'edge', 'samsung'] as const),
          browserMajor: 120 + Math.floor(next() * 10),
          os: pick(['windows', 'macos', 'ios', 'android'] as const),
          viewport: pick(['<480', '1024-1439', '1440+'] as const),
          language: 'sv-SE',
          timeZone: 'Europe/Stockholm',
        },
        ...Array.from({ length: 1 + Math.floor(next() * 4) }, (_, index) => ({
          id: randomUUID(),
          type: 'page-view' as const,
          at: new Date(at + index * 40_000).toISOString(),
          path: pick(paths),
          navigation: 'load' as const,
          ...(index === 0 && next() > 0.5 ? { referrer: pick(referrers) } : {}),
        })),
      ];
      await storage.insertEvents(
        { site, visitorId, consentId, sentAt: new Date(at).toISOString(), events },
        '192.0.2.0',
        at,
      );
      if (next() > 0.72) {
        const conversationId = randomUUID();
        const question = pick([
          'Vad kostar en service?',
          'När har ni öppet i helgen?',
          'Kan jag boka tid online?',
          'Do you speak English?',
        ]);
        await storage.insertConversationMessages(
          [
            { site, conversationId, messageId: randomUUID(), from: 'visitor', text: question },
            {
              site,
              conversationId,
              messageId: randomUUID(),
              from: 'bot',
              text: 'Vi har öppet måndag–fredag 8–17. Vill du att vi ringer upp?',
            },
          ],
          at + 60_000,
        );
      }
      if (next() > 0.86) {
        const name = pick(names);
        const email = `${name.split(' ')[0]?.toLowerCase()}@example.se`;
        await storage.insertLead(
          {
            id: randomUUID(),
            site,
            submittedAt: new Date(at + 90_000).toISOString(),
            ...(marketing ? { consentId } : {}),
            fields: {
              name,
              email,
              ...(next() > 0.5
                ? { phone: `+4670${String(1_000_000 + Math.floor(next() * 8_999_999))}` }
                : {}),
            },
          },
          at + 90_000,
        );
      }
    }
  }
}

if (process.argv[1]?.endsWith('console-demo.ts')) {
  const folder = mkdtempSync(join(tmpdir(), 'samtal-console-demo-'));
  const config = serverConfigSchema.parse({
    port: Number(process.env.PORT ?? 8787),
    database: join(folder, 'demo.db'),
    storeConversations: true,
    durability: 'normal',
    sites: {
      demo: { origins: ['http://localhost:*', 'http://127.0.0.1:*'] },
      'acme-se': { origins: ['https://acme.se'] },
    },
    console: { webhooksAllowPrivateNetworks: true },
  });
  const server = await startServer({ config });
  const users = createUsersStore(consoleDatabase(server.database));
  await users.addUser(
    {
      id: randomUUID(),
      email: demoEmail,
      passwordHash: await createPasswordHasher().hash(demoPassword),
      sites: ['demo', 'acme-se'],
    },
    Date.now(),
  );
  await seedDemoData(server.storage, 'demo', Date.now());
  await seedDemoData(server.storage, 'acme-se', Date.now());
  console.log(
    `Console: ${server.url}/admin/\nSign in as ${demoEmail} with the password ${demoPassword}\nCtrl-C stops it.`,
  );
  const stop = async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
