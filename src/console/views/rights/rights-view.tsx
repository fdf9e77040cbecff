/**
 * Rights requests, open ones first by deadline: the kind, what it names, the
 * deadline with days left, overdue ones highlighted; mark handled with a note;
 * lift a restriction or objection (whether handled or not: it holds until lifted).
 */
import { useState } from 'preact/hooks';
import { Link, useSearch } from 'wouter-preact';
import { formatText } from '../../../i18n/define-texts';
import type { AdminRightsRequest } from '../../../protocol/admin';
import { leadFieldNames } from '../../../protocol/lead';
import { useAccount, useClient } from '../../api/client-context';
import { useAnnounce } from '../../components/announcer';
import { Loading, LoadProblem } from '../../components/load-problem';
import { PageHeading } from '../../components/page-heading';
import { useResource } from '../../components/use-resource';
import { useFormat } from '../../i18n/format';
import { useTexts } from '../../i18n/locale';
import { rightsTexts } from '../../i18n/rights-texts';

export function RightsView({ site }: { site: string }) {
  const texts = useTexts(rightsTexts);
  const client = useClient();
  const all = new URLSearchParams(useSearch()).get('status') === 'all';
  const list = useResource(() => client.rights(site), [site]);
  const requests = (list.data?.requests ?? []).filter(
    (request) => all || request.status === 'open',
  );

  return (
    <section>
      <PageHeading title={texts.title} site={site} />
      <p class="muted">{texts.intro}</p>
      <nav class="segmented" aria-label={texts.filterLabel}>
        <Link href="/rights" aria-current={all ? undefined : 'page'}>
          {texts.filterOpen}
        </Link>
        <Link href="/rights?status=all" aria-current={all ? 'page' : undefined}>
          {texts.filterAll}
        </Link>
      </nav>
      {list.state === 'failed' && <LoadProblem error={list.error} onRetry={list.reload} />}
      {list.data === null && list.state === 'loading' && <Loading />}
      {list.data !== null && requests.length === 0 && <p class="empty">{texts.empty}</p>}
      <ul class="rights-list">
        {requests.map((request) => (
          <li key={request.id}>
            <RightsCard site={site} request={request} onChanged={list.reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DaysLeft({ request }: { request: AdminRightsRequest }) {
  const texts = useTexts(rightsTexts);
  const days = request.daysLeft;
  const text =
    days < 0
      ? days === -1
        ? texts.overdueOne
        : formatText(texts.overdue, { days: -days })
      : days === 0
        ? texts.dueToday
        : days === 1
          ? texts.dayLeft
          : formatText(texts.daysLeft, { days });
  return <span class={request.overdue ? 'badge badge--danger' : 'badge'}>{text}</span>;
}

/** Whether a restriction or objection holds, and the button that ends it. */
function Restriction({
  site,
  request,
  onChanged,
}: {
  site: string;
  request: AdminRightsRequest;
  onChanged: () => void;
}) {
  const texts = useTexts(rightsTexts);
  const format = useFormat();
  const client = useClient();
  const announce = useAnnounce();
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (request.liftedAt !== null) {
    return (
      <p class="muted">
        {formatText(texts.lifted, {
          when: format.dateTime(request.liftedAt),
          who: request.liftedBy ?? '',
        })}
      </p>
    );
  }
  const hintId = `rights-${request.id}-lift-hint`;
  async function lift() {
    setBusy(true);
    try {
      await client.liftRestriction(site, request.id);
      announce(texts.liftedNow);
      onChanged();
    } catch (caught) {
      setProblem(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="rights-card__restriction">
      <p>{request.kind === 'restrict' ? texts.inForceRestrict : texts.inForceObject}</p>
      {problem !== null && <LoadProblem error={problem} onRetry={() => setProblem(null)} />}
      <button
        type="button"
        class="button"
        disabled={busy}
        aria-describedby={hintId}
        onClick={() => void lift()}
      >
        {request.kind === 'restrict' ? texts.lift : texts.liftObjection}
      </button>
      <p id={hintId} class="hint">
        {texts.liftHint}
      </p>
    </div>
  );
}

function RightsCard({
  site,
  request,
  onChanged,
}: {
  site: string;
  request: AdminRightsRequest;
  onChanged: () => void;
}) {
  const texts = useTexts(rightsTexts);
  const format = useFormat();
  const client = useClient();
  const { refresh } = useAccount();
  const announce = useAnnounce();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `rights-${request.id}`;
  const { names } = request;

  async function handle(event: SubmitEvent) {
    event.preventDefault();
    if (!note.trim()) {
      setError(texts.noteRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await client.markRightsHandled(site, request.id, note.trim());
      announce(texts.markedHandled);
      refresh();
      onChanged();
    } catch (caught) {
      setProblem(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      class={request.overdue ? 'card rights-card rights-card--overdue' : 'card rights-card'}
      aria-labelledby={headingId}
    >
      <header class="rights-card__head">
        <h2 id={headingId}>{texts[request.kind]}</h2>
        {request.status === 'open' ? (
          <DaysLeft request={request} />
        ) : (
          <span class="badge badge--ok">{texts.statusHandled}</span>
        )}
      </header>
      <dl class="facts facts--inline">
        <div>
          <dt>{texts.submitted}</dt>
          <dd>
            <time dateTime={request.submittedAt}>{format.dateTime(request.submittedAt)}</time>
          </dd>
        </div>
        {request.kind !== 'erasure' && (
          <div>
            <dt>{texts.deadline}</dt>
            <dd>
              <time dateTime={request.deadline}>{format.dateTime(request.deadline)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{texts.names}</dt>
          <dd>
            {request.erased !== null ? (
              formatText(texts.erasedCounts, request.erased)
            ) : names.visitorId === null && names.consentIds.length + names.leadIds.length === 0 ? (
              texts.nothingNamed
            ) : (
              <ul class="id-list">
                {names.visitorId !== null && (
                  <li>
                    {texts.visitor}: <span class="mono">{names.visitorId}</span>
                  </li>
                )}
                {names.consentIds.map((id) => (
                  <li key={id}>
                    {texts.consents}: <span class="mono">{id}</span>
                  </li>
                ))}
                {names.leadIds.map((id) => (
                  <li key={id}>
                    {texts.leads}:{' '}
                    <Link href={`/leads/${id}`} class="mono">
                      {id}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {request.changes !== null && (
          <div>
            <dt>{texts.changes}</dt>
            <dd>
              {leadFieldNames
                .filter((field) => request.changes?.[field] !== undefined)
                .map((field) => `${texts[field]}: ${request.changes?.[field]}`)
                .join(' · ')}
            </dd>
          </div>
        )}
      </dl>
      {(request.kind === 'restrict' || request.kind === 'object') && (
        <Restriction site={site} request={request} onChanged={onChanged} />
      )}
      {request.status === 'handled' ? (
        <p class="muted">
          {request.kind === 'erasure' && request.handledBy === null
            ? texts.doneAtOnce
            : formatText(texts.handledBy, {
                when: request.handledAt ? format.dateTime(request.handledAt) : '',
                who: request.handledBy ?? '',
              })}
          {request.note ? ` — ${request.note}` : ''}
        </p>
      ) : (
        <form onSubmit={handle} noValidate>
          {problem !== null && <LoadProblem error={problem} onRetry={() => setProblem(null)} />}
          <div class="field">
            <label for={`${headingId}-note`}>{texts.note}</label>
            <textarea
              id={`${headingId}-note`}
              rows={2}
              maxLength={2000}
              required
              value={note}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={`${headingId}-hint${error ? ` ${headingId}-error` : ''}`}
              onInput={(event) => setNote((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <p id={`${headingId}-hint`} class="hint">
              {texts.noteHint}
            </p>
            {error && (
              <p id={`${headingId}-error`} class="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <button type="submit" class="button button--primary" disabled={busy}>
            {texts.markHandled}
          </button>
        </form>
      )}
    </article>
  );
}
