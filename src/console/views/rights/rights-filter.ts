/**
 * Which rights requests the list shows (`?status=open|handled|all` in the
 * console's address, open when absent or unknown) and how many each choice
 * holds. Open requests have a deadline (GDPR art. 12(3): one month), so they
 * are the default; handled ones stay findable for the record.
 */
import type { AdminRightsRequest } from '../../../protocol/admin';

export const rightsFilters = ['open', 'handled', 'all'] as const;
export type RightsFilter = (typeof rightsFilters)[number];

/** The filter named by a query string such as `?status=handled`. */
export function rightsFilterOf(search: string): RightsFilter {
  const status = new URLSearchParams(search).get('status');
  return rightsFilters.find((filter) => filter === status) ?? 'open';
}

/** The console path that shows `filter` (open is the plain `/rights`). */
export function rightsFilterPath(filter: RightsFilter): string {
  return filter === 'open' ? '/rights' : `/rights?status=${filter}`;
}

/** The requests `filter` shows, in the server's order (open by deadline, then handled, newest first). */
export function filterRights(
  requests: readonly AdminRightsRequest[],
  filter: RightsFilter,
): AdminRightsRequest[] {
  return requests.filter((request) => filter === 'all' || request.status === filter);
}

/** How many requests each filter shows. */
export function countRights(requests: readonly AdminRightsRequest[]): Record<RightsFilter, number> {
  const open = requests.filter((request) => request.status === 'open').length;
  return { open, handled: requests.length - open, all: requests.length };
}
