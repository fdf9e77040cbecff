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
import { useClient } from '../../api/client-context';
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

  function changed(updated: AdminRightsRequest, change: 'handled' | 'lifted') {
    const index = requests.findIndex((request) => request.id === updated.id);
    const next = all.map((request) => (request.id === updated.id ? updated : request));
    list.set({ requests: next });
    const stays = filterRights([updated], filter).length > 0;
    if (change === 'lifted') {
      setFocusNext(liftedLineId(updated.id));
      return;
    }
    if (stays) {
      announce(texts.markedHandled);
      setFocusNext(handledLineId(updated.id));
      return;
    }
    announce(texts.markedHandledMoved);
    const neighbour = requests[index + 1] ?? requests[index - 1];
    setFocusNext(neighbour ? cardHeadingId(neighbour.id) : emptyId);
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
              <RightsCard site={site} request={request} onChanged={changed} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
