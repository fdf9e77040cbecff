/**
 * Where the console reads rights requests from: the collector's own requests
 * (rectify, restrict, object: contract §8; collector-rights-source.ts) and
 * the erasures, carried out at once and recorded without ids.
 */
import type { AdminRightsRequest } from '../../protocol/admin';
import type { ConsoleDatabase } from './storage/console-database';

/** Requests of one site, and marking one handled. */
export interface RightsSource {
  list(site: string, now: number): Promise<AdminRightsRequest[]>;
  /** Records what was done; false when there is no such open request. */
  markHandled(
    site: string,
    id: string,
    handled: { by: string; note: string },
    now: number,
  ): Promise<boolean>;
  /**
   * Ends a restriction or objection (GDPR art. 18(3): tell the visitor
   * first): the visitor's rows count again in statistics and marketing.
   * False when there is no such request in force.
   */
  lift(site: string, id: string, by: string, now: number): Promise<boolean>;
  /** Open and overdue requests per site, for the badges. */
  openCounts(
    sites: readonly string[],
    now: number,
  ): Promise<Map<string, { open: number; overdue: number }>>;
}

const day = 86_400_000;

/** One month after `ms` (GDPR art. 12(3)): the same day of the next month, or its last day. */
export function oneMonthAfter(ms: number): number {
  const date = new Date(ms);
  const target = new Date(ms);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + 1);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime();
}

/** Whole days from `now` to `deadline`; negative once it has passed. */
export function daysLeft(deadline: number, now: number): number {
  return Math.floor((deadline - now) / day);
}

/** Erasures from the collector's `erasures` table, shown as done. */
export function createErasureRightsSource({ db }: ConsoleDatabase): RightsSource {
  return {
    async list(site, now) {
      const rows = await db
        .selectFrom('erasures')
        .selectAll()
        .where('site', '=', site)
        .orderBy('erased_at', 'desc')
        .limit(500)
        .execute();
      return rows.map((row): AdminRightsRequest => {
        const at = Number(row.erased_at);
        const deadline = oneMonthAfter(at);
        return {
          id: `erasure-${row.seq}`,
          site,
          kind: 'erasure',
          status: 'handled',
          submittedAt: new Date(at).toISOString(),
          deadline: new Date(deadline).toISOString(),
          daysLeft: daysLeft(deadline, now),
          overdue: false,
          names: { visitorId: null, consentIds: [], leadIds: [] },
          changes: null,
          erased: {
            events: Number(row.events),
            leads: Number(row.leads),
            receipts: Number(row.receipts),
            conversations: Number(row.conversations),
          },
          handledAt: new Date(at).toISOString(),
          handledBy: null,
          note: null,
          liftedAt: null,
          liftedBy: null,
        };
      });
    },
    async markHandled() {
      return false;
    },
    async lift() {
      return false;
    },
    async openCounts(sites) {
      return new Map(sites.map((site) => [site, { open: 0, overdue: 0 }]));
    },
  };
}
