/**
 * One rights request: its kind, what it names, the deadline with days left
 * (overdue ones highlighted), whether a restriction or objection still holds,
 * and the form that marks it handled with a note for the record. After marking
 * it handled the line saying so (`rights-{id}-handled`) can take focus.
 */
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { formatText } from '../../../i18n/define-texts';
import type { AdminRightsRequest } from '../../../protocol/admin';
import { leadFieldNames } from '../../../protocol/lead';
import { AdminApiError } from '../../api/admin-api-error';
import { useAccount, useClient } from '../../api/client-context';
import { DateFact } from '../../components/date-fact';
import { LoadProblem } from '../../components/load-problem';
import { useFormat } from '../../i18n/format';
import { useTexts } from '../../i18n/locale';
import { rightsTexts } from '../../i18n/rights-texts';
import { RestrictionStatus } from './restriction-status';

/** The element id of request `id`'s heading (focusable from script). */
export const cardHeadingId = (id: string) => `rights-${id}`;
/** The element id of the "handled … by …" line of request `id`. */
export const handledLineId = (id: string) => `rights-${id}-handled`;

function DaysLeft({ request }: { request: AdminRightsRequest }) {
  const texts = useTexts(rightsTexts);
  const format = useFormat();
  const days = request.daysLeft;
  const text =
    days < 0
      ? format.count(texts, 'overdue', -days)
      : days === 0
        ? texts.dueToday
        : format.count(texts, 'daysLeft', days);
  return <span class={request.overdue ? 'badge badge--danger' : 'badge'}>{text}</span>;
}

export function RightsCard({
  site,
  request,
  onChanged,
  onStale,
}: {
  site: string;
  request: AdminRightsRequest;
  /** The request as the server returned it after marking it handled or lifting it. */
  onChanged: (request: AdminRightsRequest, change: 'handled' | 'lifted') => void;
  /** The server no longer had it open or in force (someone else got there first): 404. */
  onStale: (id: string, change: 'handled' | 'lifted') => void;
}) {
  const texts = useTexts(rightsTexts);
  const format = useFormat();
  const client = useClient();
  const { refresh } = useAccount();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = cardHeadingId(request.id);
  const { names, erased } = request;
  const holds = (request.kind === 'restrict' || request.kind === 'object') && !request.liftedAt;

  async function handle(event: SubmitEvent) {
    event.preventDefault();
    if (!note.trim()) {
      setError(texts.noteRequired);
      return;
    }
    setBusy(true);
    setError(null);
    setProblem(null);
    try {
      const handled = await client.markRightsHandled(site, request.id, note.trim());
      refresh();
      onChanged(handled, 'handled');
    } catch (caught) {
      setBusy(false);
      if (caught instanceof AdminApiError && caught.status === 404) onStale(request.id, 'handled');
      else setProblem(caught);
    }
  }

  return (
    <article
      class={request.overdue ? 'card rights-card rights-card--overdue' : 'card rights-card'}
      aria-labelledby={headingId}
    >
      <header class="rights-card__head">
        <h2 id={headingId} tabIndex={-1}>
          {texts[request.kind]}
        </h2>
        <span class="rights-card__badges">
          {holds && <span class="badge badge--warning">{texts.inForce}</span>}
          {request.status === 'open' ? (
            <DaysLeft request={request} />
          ) : (
            <span class="badge badge--ok">{texts.statusHandled}</span>
          )}
        </span>
      </header>
      <dl class="facts facts--inline">
        <DateFact term={texts.submitted} at={request.submittedAt} />
        {request.kind !== 'erasure' && <DateFact term={texts.deadline} at={request.deadline} />}
        <div>
          <dt>{texts.names}</dt>
          <dd>
            {erased !== null ? (
              formatText(texts.erasedCounts, {
                leads: format.count(texts, 'erasedLeads', erased.leads),
                receipts: format.count(texts, 'erasedReceipts', erased.receipts),
                events: format.count(texts, 'erasedEvents', erased.events),
                conversations: format.count(texts, 'erasedMessages', erased.conversations),
              })
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
        <RestrictionStatus
          site={site}
          request={request}
          onLifted={(lifted) => onChanged(lifted, 'lifted')}
          onStale={() => onStale(request.id, 'lifted')}
        />
      )}
      {request.status === 'handled' ? (
        <p id={handledLineId(request.id)} class="muted rights-card__outcome" tabIndex={-1}>
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
