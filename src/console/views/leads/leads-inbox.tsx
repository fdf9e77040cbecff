/**
 * The inbox: open or handled leads, newest first, a page at a time. New ones
 * (nobody has opened them) are marked, restricted ones too.
 */
import { useState } from 'preact/hooks';
import { Link, useSearch } from 'wouter-preact';
import { formatText } from '../../../i18n/define-texts';
import type { AdminLead, LeadStatus } from '../../../protocol/admin';
import { useClient } from '../../api/client-context';
import { Loading, LoadProblem } from '../../components/load-problem';
import { PageHeading } from '../../components/page-heading';
import { useResource } from '../../components/use-resource';
import { useFormat } from '../../i18n/format';
import { leadsTexts } from '../../i18n/leads-texts';
import { useTexts } from '../../i18n/locale';
import { leadTitle } from './lead-title';

export function LeadsInbox({ site }: { site: string }) {
  const texts = useTexts(leadsTexts);
  const client = useClient();
  const format = useFormat();
  const status: LeadStatus =
    new URLSearchParams(useSearch()).get('status') === 'handled' ? 'handled' : 'open';
  const [older, setOlder] = useState<{ leads: AdminLead[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const page = useResource(() => {
    setOlder(null);
    return client.leads(site, { status });
  }, [site, status]);

  const leads = [...(page.data?.leads ?? []), ...(older?.leads ?? [])];
  const cursor = older ? older.cursor : (page.data?.nextCursor ?? null);

  async function loadMore() {
    if (cursor === null) return;
    setLoadingMore(true);
    try {
      const next = await client.leads(site, { status, cursor });
      setOlder((previous) => ({
        leads: [...(previous?.leads ?? []), ...next.leads],
        cursor: next.nextCursor,
      }));
    } finally {
      setLoadingMore(false);
    }
  }

  const counts = page.data?.counts;
  return (
    <section>
      <PageHeading title={texts.title} site={site}>
        <a class="button" href={client.leadsCsvUrl(site, status)} download>
          {texts.exportCsv}
        </a>
      </PageHeading>
      <p class="muted">{texts.intro}</p>
      <nav class="segmented" aria-label={texts.filterLabel}>
        <Link href="/leads" aria-current={status === 'open' ? 'page' : undefined}>
          {formatText(texts.filterOpen, { count: counts?.open ?? '…' })}
        </Link>
        <Link href="/leads?status=handled" aria-current={status === 'handled' ? 'page' : undefined}>
          {formatText(texts.filterHandled, { count: counts?.handled ?? '…' })}
        </Link>
      </nav>
      {page.state === 'failed' && <LoadProblem error={page.error} onRetry={page.reload} />}
      {page.state === 'loading' && page.data === null && <Loading />}
      {page.data !== null && leads.length === 0 && (
        <p class="empty">{status === 'open' ? texts.emptyOpen : texts.emptyHandled}</p>
      )}
      {leads.length > 0 && (
        <ul class="lead-list">
          {leads.map((lead) => (
            <li
              key={lead.id}
              class={
                lead.seenAt === null && lead.status === 'open'
                  ? 'lead-row lead-row--new'
                  : 'lead-row'
              }
            >
              <Link href={`/leads/${lead.id}`} class="lead-row__link">
                <span class="lead-row__title">{leadTitle(lead, texts.unnamed)}</span>
                <span class="lead-row__meta">
                  {[lead.fields.email, lead.fields.phone, lead.fields.orgnr]
                    .filter((value) => value !== undefined && value !== lead.fields.name)
                    .join(' · ')}
                </span>
              </Link>
              <span class="lead-row__side">
                {lead.seenAt === null && lead.status === 'open' && (
                  <span class="badge badge--accent">{texts.newLabel}</span>
                )}
                {lead.restricted && (
                  <span class="badge badge--warning">{texts.restrictedLabel}</span>
                )}
                <time dateTime={lead.receivedAt}>{format.dateTime(lead.receivedAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {cursor !== null && (
        <button type="button" class="button" onClick={loadMore} disabled={loadingMore}>
          {texts.loadMore}
        </button>
      )}
      <p class="muted small">{texts.exportHint}</p>
    </section>
  );
}
