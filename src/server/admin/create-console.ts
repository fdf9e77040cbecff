/**
 * Wires the console into a running server: its stores on the server's
 * database, the webhook sender, the admin app, and a collector storage that
 * also queues a webhook notice for each new lead.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Hono } from 'hono';
import type { ServerConfig } from '../server-config';
import type { CollectorStorage } from '../storage/collector-storage';
import type { RightsStorage } from '../storage/create-rights-storage';
import type { SamtalDatabase } from '../storage/samtal-database';
import type { AdminServices } from './admin-context';
import { findDist, readBuiltFiles } from './built-files';
import { createCollectorRightsSource } from './collector-rights-source';
import { createAdminApp } from './create-admin-app';
import { createPasswordHasher, type PasswordHasher } from './password-hasher';
import { createErasureRightsSource, type RightsSource } from './rights-source';
import { type ConsoleDatabase, consoleDatabase } from './storage/console-database';
import { createConversationsStore } from './storage/create-conversations-store';
import { createLeadsStore } from './storage/create-leads-store';
import { createStatsStore } from './storage/create-stats-store';
import { createUsersStore } from './storage/create-users-store';
import { createWebhooksStore } from './storage/create-webhooks-store';
import { createWebhookDispatcher } from './webhooks/create-webhook-dispatcher';
import { type SendResult, sendWebhook } from './webhooks/send-webhook';

const hour = 3_600_000;

export interface ConsoleOptions {
  config: ServerConfig;
  database: SamtalDatabase;
  storage: CollectorStorage;
  now?: () => number;
  logError?: (error: unknown) => void;
  /** Password hashing; tests pass a cheaper cost. */
  hasher?: PasswordHasher;
  /** Where the built console and widget are; found next to the server by default. */
  distFolder?: string | null;
  /** How a notice is sent; a real HTTP POST by default. */
  send?: (url: string, headers: Record<string, string>, body: string) => Promise<SendResult>;
  /** The rights requests source; by default the collector's requests (`rightsStorage`) and its erasures. */
  rights?: (database: ConsoleDatabase) => RightsSource;
  /**
   * The collector's rights requests (contract §8): listed and handled here,
   * and their restrictions honoured: restricted rows leave the statistics,
   * and leads restricted or objected to are flagged and leave the CSV export.
   */
  rightsStorage?: RightsStorage;
}

export interface RunningConsole {
  app: Hono<{ Bindings: HttpBindings }>;
  /** The collector's storage, plus a webhook notice for each new lead. */
  storage: CollectorStorage;
  services: AdminServices;
  close(): Promise<void>;
}

export function createConsole({
  config,
  database,
  storage,
  now = Date.now,
  logError = (error) => console.error('samtal-server:', error),
  hasher = createPasswordHasher(),
  distFolder = findDist(),
  send = (url, headers, body) =>
    sendWebhook(url, headers, body, {
      allowPrivateNetworks: config.console.webhooksAllowPrivateNetworks,
    }),
  rightsStorage,
  rights = rightsStorage === undefined
    ? createErasureRightsSource
    : (handle) => createCollectorRightsSource(handle, rightsStorage),
}: ConsoleOptions): RunningConsole {
  const handle = consoleDatabase(database);
  const users = createUsersStore(handle);
  const webhooks = createWebhooksStore(handle);
  const dispatcher = createWebhookDispatcher({ store: webhooks, send, now, logError });
  const leads = createLeadsStore(
    handle,
    rightsStorage === undefined
      ? {}
      : { restrictedLeads: (site, ids) => rightsStorage.restrictedLeads(site, ids, 'marketing') },
  );
  const services: AdminServices = {
    config,
    users,
    leads,
    stats: createStatsStore(
      handle,
      rightsStorage === undefined
        ? {}
        : {
            restricted: (table, alias) => rightsStorage.restrictedRows(table, alias, 'statistics'),
          },
    ),
    conversations: createConversationsStore(handle),
    webhooks,
    dispatcher,
    rights: rights(handle),
    async eraseLead(site, id, at) {
      if ((await leads.get(site, id)) === null) return 0;
      const deleted = await storage.erase(
        { site, visitorId: null, consentIds: [], leadIds: [id] },
        at,
      );
      return deleted.leads;
    },
    now,
  };

  const sweep = async () => {
    const time = now();
    await users.deleteExpiredSessions(
      time - config.console.sessionIdleMinutes * 60_000,
      time - config.console.sessionMaxHours * hour,
    );
    await webhooks.prune(time - 30 * 24 * hour);
  };
  // Kept so close() can wait for a sweep in flight: on PostgreSQL the first one
  // may still be running when a short-lived server closes its pool.
  let sweeping = sweep().catch(logError);
  const timer = setInterval(() => {
    sweeping = sweep().catch(logError);
  }, hour);
  timer.unref();

  const notifying: CollectorStorage = {
    ...storage,
    async insertLead(lead, receivedAt) {
      const result = await storage.insertLead(lead, receivedAt);
      if (result.stored > 0) {
        // The lead is stored whatever happens to its notice.
        await dispatcher
          .notify({
            type: 'lead.created',
            site: lead.site,
            leadId: lead.id,
            submittedAt: lead.submittedAt,
            fields: (['name', 'email', 'phone', 'orgnr'] as const).filter(
              (field) => lead.fields[field] !== undefined,
            ),
          })
          .catch(logError);
      }
      return result;
    },
  };

  const dist = distFolder;
  const app = createAdminApp({
    services,
    hasher,
    consoleFiles: dist === null ? new Map() : readBuiltFiles(`${dist}/console`),
    widgetFiles:
      dist === null
        ? new Map()
        : readBuiltFiles(
            dist,
            (path) =>
              path === 'samtal.js' || path === 'samtal-boot.js' || path.startsWith('chunks/'),
          ),
  });

  return {
    app,
    storage: notifying,
    services,
    async close() {
      clearInterval(timer);
      await sweeping;
      await dispatcher.stop();
    },
  };
}
