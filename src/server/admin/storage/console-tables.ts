/**
 * The console's tables (migration 0040-console) as Kysely sees them. Times
 * are epoch milliseconds, as in the collector's tables.
 */

/** Someone who may sign in to the console. */
export interface ConsoleUsersTable {
  id: string;
  /** Lower-cased, so sign-in is case-insensitive and an address has one account. */
  email: string;
  /** `$scrypt$ln=…,r=…,p=…$salt$hash` (see password-hasher.ts). */
  password_hash: string;
  created_at: number;
  password_changed_at: number;
}

/** Which sites a user may see; a user sees nothing else. */
export interface ConsoleUserSitesTable {
  user_id: string;
  site: string;
}

/** A signed-in browser. Only the SHA-256 of its token is kept. */
export interface ConsoleSessionsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
}

/** What the site owner did with a lead; removed with the lead by a trigger. */
export interface ConsoleLeadStatesTable {
  site: string;
  lead_id: string;
  seen_at: number | null;
  handled_at: number | null;
  handled_by: string | null;
  note: string | null;
}

/** One webhook per site. */
export interface WebhooksTable {
  site: string;
  url: string;
  format: string;
  /** Comma-separated event names. */
  events: string;
  /** 1 or 0 in both engines. */
  enabled: number;
  secret: string;
  /** The console's origin when it was saved: the notices link back there. */
  console_origin: string;
  created_at: number;
  updated_at: number;
}

/** A notice to send or sent: the durable queue and the delivery log in one. */
export interface WebhookDeliveriesTable {
  id: string;
  site: string;
  event: string;
  /** The JSON body as sent (it names ids only, never contact details). */
  body: string;
  status: string;
  attempts: number;
  created_at: number;
  next_attempt_at: number | null;
  /** A sender holds the row until then; another process may take it after. */
  lease_until: number | null;
  last_attempt_at: number | null;
  response_status: number | null;
  error: string | null;
}

// A type, not an interface: Kysely's withTables<T> needs an index signature.
export type ConsoleTables = {
  console_users: ConsoleUsersTable;
  console_user_sites: ConsoleUserSitesTable;
  console_sessions: ConsoleSessionsTable;
  console_lead_states: ConsoleLeadStatesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
};
