/**
 * The console's rights requests (contract §9, `GET …/rights`): the visitor's
 * rectifications, restrictions and objections the collector keeps
 * (`RightsStorage`, contract §8), with the erasures it carried out, newest
 * first. Marking one handled records who and what was done.
 */
import type { AdminRightsRequest } from '../../protocol/admin';
import type { RightsStorage, StoredRightsRequest } from '../storage/create-rights-storage';
import { createErasureRightsSource, daysLeft, type RightsSource } from './rights-source';
import type { ConsoleDatabase } from './storage/console-database';

function toAdminRequest(request: StoredRightsRequest, now: number): AdminRightsRequest {
  const deadline = Date.parse(request.deadline);
  return {
    id: request.id,
    site: request.site,
    kind: request.kind,
    status: request.status,
    submittedAt: request.submittedAt,
    deadline: request.deadline,
    daysLeft: daysLeft(deadline, now),
    overdue: request.status === 'open' && deadline < now,
    names: {
      visitorId: request.visitorId,
      consentIds: request.consentIds,
      leadIds: request.leadIds,
    },
    changes: request.changes,
    erased: null,
    handledAt: request.handledAt,
    handledBy: request.handledBy,
    note: request.note,
    liftedAt: request.liftedAt,
    liftedBy: request.liftedBy,
  };
}

export function createCollectorRightsSource(
  database: ConsoleDatabase,
  rights: RightsStorage,
): RightsSource {
  const erasures = createErasureRightsSource(database);
  return {
    async list(site, now) {
      const requests = (await rights.list({ site })).map((request) => toAdminRequest(request, now));
      const done = await erasures.list(site, now);
      return [...requests, ...done].sort((a, b) =>
        a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0,
      );
    },
    markHandled: (site, id, { by, note }, now) => rights.markHandled(site, id, { by, note }, now),
    lift: (site, id, by, now) => rights.lift(site, id, by, now),
    openCounts: (sites, now) => rights.openCounts(sites, now),
  };
}
