/**
 * One lead: what the visitor sent, whether they allowed marketing, its
 * status. Opening it marks it seen (no longer "new"); from here it is marked
 * handled (with a note), reopened, or erased.
 */
import { useEffect, useState } from 'preact/hooks';
import { Link, useLocation } from 'wouter-preact';
import { formatText } from '../../../i18n/define-texts';
import type { AdminLead } from '../../../protocol/admin';
import { leadFieldNames } from '../../../protocol/lead';
import { useAccount, useClient } from '../../api/client-context';
import { useAnnounce } from '../../components/announcer';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DateFact } from '../../components/date-fact';
import { Loading, LoadProblem } from '../../components/load-problem';
import { PageHeading } from '../../components/page-heading';
import { useResource } from '../../components/use-resource';
import { useFormat } from '../../i18n/format';
import { leadsTexts } from '../../i18n/leads-texts';
import { useTexts } from '../../i18n/locale';
import { leadTitle } from './lead-title';

export function LeadDetail({ site, id }: { site: string; id: string }) {
  const texts = useTexts(leadsTexts);
  const client = useClient();
  const { refresh } = useAccount();
  const announce = useAnnounce();
  const [, navigate] = useLocation();
  const lead = useResource(() => client.lead(site, id), [site, id]);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const loaded = lead.state === 'ready' ? lead.data : null;
  useEffect(() => {
    if (loaded === null || loaded.seenAt !== null) return;
    client.markLeadSeen(site, id).then((seen) => {
      lead.set(seen);
      refresh();
    }, setProblem);
  }, [loaded?.id]);

  async function act(work: () => Promise<AdminLead | null>, message: string) {
    setBusy(true);
    setProblem(null);
    try {
      const updated = await work();
      if (updated) lead.set(updated);
      announce(message);
      refresh();
      return true;
    } catch (error) {
      setProblem(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  if (lead.data === null) {
    return lead.state === 'failed' ? (
      <LoadProblem error={lead.error} onRetry={lead.reload} />
    ) : (
      <Loading />
    );
  }
  const current = lead.data;
  return (
    <article class="lead-detail">
      <p class="back-link">
        <Link href="/leads">{texts.back}</Link>
      </p>
      <PageHeading title={leadTitle(current, texts.unnamed)} site={site} />
      {current.restricted && <p class="alert alert--warning">{texts.restrictedNote}</p>}
      {problem !== null && <LoadProblem error={problem} onRetry={() => setProblem(null)} />}
      <section class="card" aria-labelledby="lead-fields">
        <h2 id="lead-fields">{texts.fields}</h2>
        <LeadFields lead={current} />
      </section>
      <section class="card" aria-labelledby="lead-status">
        <h2 id="lead-status">{texts.status}</h2>
        <StatusBlock
          lead={current}
          busy={busy}
          onHandled={(note) =>
            act(() => client.markLeadHandled(site, id, note), texts.markedHandled)
          }
          onReopen={() => act(() => client.reopenLead(site, id), texts.reopened)}
        />
      </section>
      <p>
        <button
          type="button"
          class="button button--danger-quiet"
          onClick={() => setConfirming(true)}
          disabled={busy}
        >
          {texts.erase}
        </button>
      </p>
      <ConfirmDialog
        open={confirming}
        title={texts.eraseTitle}
        confirmLabel={texts.eraseConfirm}
        cancelLabel={texts.cancel}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setConfirming(false);
          const erase = async () => {
            await client.eraseLead(site, id);
            return null;
          };
          if (await act(erase, texts.erased)) navigate('/leads');
        }}
      >
        <p>{texts.eraseText}</p>
      </ConfirmDialog>
    </article>
  );
}

function LeadFields({ lead }: { lead: AdminLead }) {
  const texts = useTexts(leadsTexts);
  return (
    <dl class="facts">
      {leadFieldNames.map((field) => {
        const value = lead.fields[field];
        if (value === undefined) return null;
        return (
          <div key={field}>
            <dt>{texts[field]}</dt>
            <dd>
              {field === 'email' ? (
                <a href={`mailto:${value}`}>{value}</a>
              ) : field === 'phone' ? (
                <a href={`tel:${value}`}>{value}</a>
              ) : (
                value
              )}
            </dd>
          </div>
        );
      })}
      <DateFact term={texts.submittedAt} at={lead.submittedAt} />
      <DateFact term={texts.receivedAt} at={lead.receivedAt} />
      <div>
        <dt>{texts.consent}</dt>
        <dd>
          {lead.consentId === null
            ? texts.consentNone
            : formatText(texts.consentGiven, { id: lead.consentId })}
        </dd>
      </div>
      <div>
        <dt>{texts.id}</dt>
        <dd class="mono">{lead.id}</dd>
      </div>
    </dl>
  );
}

function StatusBlock({
  lead,
  busy,
  onHandled,
  onReopen,
}: {
  lead: AdminLead;
  busy: boolean;
  onHandled: (note: string) => void;
  onReopen: () => void;
}) {
  const texts = useTexts(leadsTexts);
  const format = useFormat();
  const [note, setNote] = useState('');
  if (lead.status === 'handled') {
    return (
      <div>
        <p>
          {formatText(texts.statusHandled, {
            when: lead.handledAt ? format.dateTime(lead.handledAt) : '',
            who: lead.handledBy ?? '',
          })}
        </p>
        {lead.note && (
          <p class="note">
            <span class="note__label">{texts.note}:</span> {lead.note}
          </p>
        )}
        <button type="button" class="button" onClick={onReopen} disabled={busy}>
          {texts.reopen}
        </button>
      </div>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onHandled(note.trim());
      }}
    >
      <p>{texts.statusOpen}</p>
      <div class="field">
        <label for="lead-note">{texts.note}</label>
        <textarea
          id="lead-note"
          rows={3}
          maxLength={2000}
          value={note}
          aria-describedby="lead-note-hint"
          onInput={(event) => setNote((event.currentTarget as HTMLTextAreaElement).value)}
        />
        <p id="lead-note-hint" class="hint">
          {texts.noteHint}
        </p>
      </div>
      <button type="submit" class="button button--primary" disabled={busy}>
        {texts.markHandled}
      </button>
    </form>
  );
}
