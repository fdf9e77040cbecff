/** What the console's routes share: the signed-in user, the stores, the clock. */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ServerConfig } from '../server-config';
import type { RightsSource } from './rights-source';
import type { ConversationsStore } from './storage/create-conversations-store';
import type { LeadsStore } from './storage/create-leads-store';
import type { StatsStore } from './storage/create-stats-store';
import type { SessionUser, UsersStore } from './storage/create-users-store';
import type { WebhooksStore } from './storage/create-webhooks-store';
import type { WebhookDispatcher } from './webhooks/create-webhook-dispatcher';

export type AdminEnv = {
  Bindings: HttpBindings;
  Variables: { session: { tokenHash: string; user: SessionUser } };
};

export type AdminContext = Context<AdminEnv>;

/** Everything the routes read and write through. */
export interface AdminServices {
  config: ServerConfig;
  users: UsersStore;
  leads: LeadsStore;
  stats: StatsStore;
  conversations: ConversationsStore;
  webhooks: WebhooksStore;
  dispatcher: WebhookDispatcher;
  rights: RightsSource;
  /** Erases one lead the way a visitor's erasure does, recording that an erasure happened. */
  eraseLead(site: string, id: string, now: number): Promise<number>;
  now: () => number;
}

/** A refusal in the shape every Samtal answer uses: `{ code, message, issues? }`. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  issues?: Array<{ path: string; message: string }>,
) {
  return c.json(issues === undefined ? { code, message } : { code, message, issues }, status);
}

/** Issues from a failed zod parse, as `{ path, message }`. */
export function issuesOf(error: {
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>;
}) {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
