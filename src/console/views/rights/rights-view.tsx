/**
 * Rights requests (contract §8–9): open ones first by deadline (GDPR art.
 * 12(3): one month), handled ones a filter away (`?status=open|handled|all`,
 * each with its count). Marking one handled or lifting a restriction keeps
 * the site owner's place: focus moves to the outcome line, or, when the
 * request leaves the open list, to the next request's heading (else to the
 * empty-list message), and the live region says what happened.
 */
import { useEffect, useState } from 'preact/hooks';
import { Link, useSearch } from 'wouter-preact';
import { formatText } from '../../../i18n/define-texts';
import type { AdminRightsRequest } from '../../../protocol/admin';
import { useAccount, useClient } from '../../api/client-context';
import { useAnnounce } from '../../components/announcer';
import { Loading, LoadProblem } from '../../components/load-problem';
import { PageHeading } from '../../components/page-heading';
import { useResource } from '../../components/use-resource';
import { useTexts } from '../../i18n/locale';
import { rightsTexts } from '../../i18n/rights-texts';
import { liftedLineId } from './restriction-status';
import { cardHeadingId, handledLineId, RightsCard } from './rights-card';
import {
  countRights,
  filterRights,
  rightsFilterOf,
  rightsFilterPath,
  rightsFilters,
} from './rights-filter';

const emptyId = 'rights-empty';

export function RightsView({ site }: { site: string }) {
  const texts = useTexts(rightsTexts);
  const client = useClient();
  const announce = useAnnounce();
  const { refresh } = useAccount();
  const filter = rightsFilterOf(useSearch());
  const list = useResource(() => client.rights(site), [site]);
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const all = list.data?.requests ?? [];
  const requests = filterRights(all, filter);
  const counts = countRights(all);
  const filterTexts = {
    open: texts.filterOpen,
    handled: texts.filterHandled,
    all: texts.filterAll,
  };
  const emptyTexts = { open: texts.emptyOpen, handled: texts.emptyHandled, all: texts.emptyAll };

  // Runs after the render that shows the change, so the target exists.
  useEffect(() => {
    if (focusNext === null) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  /**
   * Where focus goes once request `id` changed and the list is `next`: `outcome`
   * (an element of its card) while the card is still shown, else the heading of
   * the request after it (or before it), else the empty-list message.
   */
  function focusAfter(id: string, next: readonly AdminRightsRequest[], outcome: string): string {
    const shown = filterRights(next, filter);
    if (shown.some((request) => request.id === id)) return outcome;
    const index = requests.findIndex((request) => request.id === id);
    const neighbour = [...requests.slice(index + 1), ...requests.slice(0, index).reverse()].find(
      (request) => shown.some((candidate) => candidate.id === request.id),
    );
    return neighbour ? cardHeadingId(neighbour.id) : emptyId;
  }

  function changed(updated: AdminRightsRequest, change: 'handled' | 'lifted') {
    const next = all.map((request) => (request.id === updated.id ? updated : request));
    list.set({ requests: next });
    if (change === 'lifted') {
      setFocusNext(focusAfter(updated.id, next, liftedLineId(updated.id)));
    } else if (filterRights([updated], filter).length > 0) {
      announce(texts.markedHandled);
      setFocusNext(handledLineId(updated.id));
    } else {
      announce(texts.markedHandledMoved);
      setFocusNext(focusAfter(updated.id, next, handledLineId(updated.id)));
    }
  }

  /** Someone else changed request `id` first: show the list as it is now, and say so. */
  async function stale(id: string, change: 'handled' | 'lifted') {
    try {
      const fresh = await client.rights(site);
      list.set(fresh);
      refresh();
      announce(texts.changedElsewhere);
      const outcome = change === 'lifted' ? liftedLineId(id) : handledLineId(id);
      const shown = fresh.requests.find((request) => request.id === id);
      const present = shown && (change === 'lifted' ? shown.liftedAt : shown.status === 'handled');
      setFocusNext(focusAfter(id, fresh.requests, present ? outcome : cardHeadingId(id)));
    } catch {
      list.reload();
    }
  }

  return (
    <section>
      <PageHeading title={texts.title} site={site} />
      <p class="muted">{texts.intro}</p>
      <nav class="segmented" aria-label={texts.filterLabel}>
        {rightsFilters.map((choice) => (
          <Link
            key={choice}
            href={rightsFilterPath(choice)}
            aria-current={choice === filter ? 'page' : undefined}
          >
            {formatText(filterTexts[choice], { count: list.data ? counts[choice] : '…' })}
          </Link>
        ))}
      </nav>
      {list.state === 'failed' && <LoadProblem error={list.error} onRetry={list.reload} />}
      {list.data === null && list.state === 'loading' && <Loading />}
      {list.data !== null && requests.length === 0 && (
        <p id={emptyId} class="empty" tabIndex={-1}>
          {emptyTexts[filter]}
        </p>
      )}
      {requests.length > 0 && (
        <ul class="rights-list">
          {requests.map((request) => (
            <li key={request.id}>
              <RightsCard site={site} request={request} onChanged={changed} onStale={stale} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
