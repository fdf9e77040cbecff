/**
 * The visitor's rights in their data view (contract §8): correct the contact
 * details they sent (the contact form again, filled with what was last sent,
 * only those fields, same rules), pause the use of their data, say no to
 * marketing, and the requests made so far with the date each must be handled
 * by. Each action applies in the browser at once and is confirmed here in
 * plain words; the request leaves through the rights service.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RightsRequestRecord, RightsRequestResult } from '../../api/samtal-api';
import type { FieldName } from '../../config/config-schema';
import { changedFields } from '../../fields/parse-corrections';
import { formatText } from '../../i18n/define-texts';
import { rightsTexts } from '../../i18n/rights-texts';
import { latestKnownLead, readLeadRecords } from '../../leads/lead-records';
import type { LeadFields } from '../../protocol/lead';
import type { RightsService } from '../../rights/create-rights-service';
import { adoptStyles } from '../adopt-styles';
import type { LeadFormProps } from '../lead-form/lead-form';
import { useObservable } from '../use-observable';
import type { WidgetContext } from '../widget-context';
import { formatDate } from './format-date';

type Texts = (typeof rightsTexts)['sv'];

/** What the section shows besides the consent state: read from the browser's records. */
interface Overview {
  /** The newest lead with known values, or null. */
  latest: LeadFields | null;
  hasLeads: boolean;
  requests: RightsRequestRecord[];
  objectedAt: string | null;
}

/** A confirmation (or failure) shown under the actions. */
interface Notice {
  text: keyof Texts;
  date?: string;
}

const emptyOverview: Overview = { latest: null, hasLeads: false, requests: [], objectedAt: null };

type LeadFormComponent = (props: LeadFormProps) => preact.JSX.Element;

const kindTexts = {
  rectify: 'kindRectify',
  restrict: 'kindRestrict',
  object: 'kindObject',
} as const satisfies Record<RightsRequestRecord['kind'], keyof Texts>;

export interface RightsSectionProps {
  context: WidgetContext;
  /** The texts shown above this section (the consent choice), for the receipt of a change made here. */
  shownTexts: readonly string[];
}

export function RightsSection({ context, shownTexts }: RightsSectionProps) {
  const { config, consent } = context;
  const texts = rightsTexts[config.locale];
  const [service, setService] = useState<RightsService | null>(null);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [LeadForm, setLeadForm] = useState<LeadFormComponent | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const correctButton = useRef<HTMLButtonElement>(null);
  const formHolder = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const active = useRef(true);

  // Never throws: a request that was sent stays confirmed even if the records cannot be reread.
  const refresh = async (rights: RightsService) => {
    try {
      const { store } = await context.services();
      const [records, exported] = await Promise.all([
        readLeadRecords(store),
        rights.section.export(),
      ]);
      if (!active.current) return;
      setOverview({
        latest: latestKnownLead(records)?.fields ?? null,
        hasLeads: records.leadIds.length > 0,
        requests: exported.requests,
        objectedAt: exported.marketingObjectedAt,
      });
    } catch {
      if (active.current) setOverview((known) => known ?? emptyOverview);
    }
  };

  useEffect(() => {
    active.current = true;
    context.rights().then(
      async (rights) => {
        if (!active.current) return;
        setService(rights);
        await refresh(rights);
      },
      () => active.current && setNotice({ text: 'requestFailed' }),
    );
    return () => {
      active.current = false;
    };
  }, [context]);

  // The form takes focus at its first field; afterwards the confirmation does.
  useEffect(() => {
    if (correcting && LeadForm) formHolder.current?.querySelector('input')?.focus();
  }, [correcting, LeadForm]);
  useEffect(() => {
    if (notice !== null) noticeRef.current?.focus();
  }, [notice]);

  // Subscribed, so a pause or its end (here, in another tab, by the API) shows at once.
  useObservable(consent.snapshot);
  const record = consent.record();
  // Only a pause in force has a record: an ended one reads as undecided.
  const pausedUntil = record?.method === 'withdraw' ? (record.until ?? null) : null;
  const date = (iso: string) => formatDate(iso, config.locale);

  const run = async (
    request: (rights: RightsService) => Promise<RightsRequestResult>,
    done: (result: RightsRequestResult) => Notice,
  ) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      const rights = service ?? (await context.rights());
      const result = await request(rights);
      await refresh(rights);
      if (active.current) setNotice(done(result));
    } catch {
      if (active.current) setNotice({ text: 'requestFailed' });
    } finally {
      if (active.current) setBusy(false);
    }
  };

  const openCorrection = () => {
    setNotice(null);
    setCorrecting(true);
    if (LeadForm === null) {
      import('../lead-form/lead-form').then(
        (chunk) => {
          if (!active.current) return;
          adoptStyles(context.root, chunk.leadFormStyles);
          setLeadForm(() => chunk.LeadForm);
        },
        () => {
          if (!active.current) return;
          setCorrecting(false);
          setNotice({ text: 'requestFailed' });
        },
      );
    }
  };

  const closeCorrection = () => {
    setCorrecting(false);
    queueMicrotask(() => correctButton.current?.focus());
  };

  const submitCorrection = async (fields: LeadFields): Promise<'sent' | 'queued'> => {
    const changes = changedFields(overview?.latest ?? {}, fields);
    if (Object.keys(changes).length === 0) {
      setCorrecting(false);
      setNotice({ text: 'rectifyUnchanged' });
      return 'sent';
    }
    const rights = service ?? (await context.rights());
    // A refusal or a failure throws: the form stays, with its failure message.
    const result = await rights.rectify(changes);
    await refresh(rights);
    setCorrecting(false);
    setNotice(
      result.delivery === 'sent'
        ? { text: 'rectified', date: result.deadline }
        : { text: 'rectifiedQueued' },
    );
    return result.delivery;
  };

  // The fields the visitor sent and the site still asks for; all of the
  // site's fields when the values of an older lead are not known.
  const sentFields = overview?.latest
    ? config.fields.filter((name) => overview.latest?.[name] !== undefined)
    : config.fields;
  const initialValues: Partial<Record<FieldName, string>> = {};
  for (const name of sentFields) {
    const value = overview?.latest?.[name];
    if (value !== undefined) initialValues[name] = value;
  }

  const visibleTexts = [
    ...shownTexts,
    texts.restrictHeading,
    pausedUntil === null ? texts.restrictDescription : texts.pausedUntil,
    ...(pausedUntil === null ? [texts.restrict] : []),
    texts.objectHeading,
    overview?.objectedAt ? texts.objectedOn : texts.objectDescription,
    ...(overview?.objectedAt ? [] : [texts.object]),
  ];

  return (
    <div class="your-data__rights">
      <h4>{texts.rectifyHeading}</h4>
      {overview === null ? null : !overview.hasLeads ? (
        <p>{texts.rectifyNothing}</p>
      ) : correcting ? (
        <div ref={formHolder}>
          {LeadForm && (
            <LeadForm
              fields={sentFields}
              locale={config.locale}
              policyUrl={config.policyUrl}
              allowPersonnummer={config.allowPersonnummer}
              initialValues={initialValues}
              texts={{
                title: texts.rectifyTitle,
                purpose: texts.rectifyPurpose,
                submit: texts.rectifySubmit,
                failed: texts.rectifyFailed,
              }}
              onSubmit={submitCorrection}
              onCancel={closeCorrection}
            />
          )}
        </div>
      ) : (
        <>
          <p>{texts.rectifyDescription}</p>
          <button
            type="button"
            class="your-data__button"
            ref={correctButton}
            onClick={openCorrection}
          >
            {texts.rectify}
          </button>
        </>
      )}

      <h4>{texts.restrictHeading}</h4>
      {pausedUntil === null ? (
        <>
          <p>{texts.restrictDescription}</p>
          <button
            type="button"
            class="your-data__button"
            disabled={busy}
            onClick={() =>
              void run(
                (rights) => rights.restrict(visibleTexts),
                (result) => ({
                  text: result.delivery === 'sent' ? 'restricted' : 'restrictedQueued',
                  date: result.until ?? result.deadline,
                }),
              )
            }
          >
            {texts.restrict}
          </button>
        </>
      ) : (
        <p>{formatText(texts.pausedUntil, { date: date(pausedUntil) })}</p>
      )}

      <h4>{texts.objectHeading}</h4>
      {overview === null ? null : overview.objectedAt ? (
        <p>{formatText(texts.objectedOn, { date: date(overview.objectedAt) })}</p>
      ) : (
        <>
          <p>{texts.objectDescription}</p>
          <button
            type="button"
            class="your-data__button"
            disabled={busy}
            onClick={() =>
              void run(
                (rights) => rights.object(visibleTexts),
                (result) => ({ text: result.delivery === 'sent' ? 'objected' : 'objectedQueued' }),
              )
            }
          >
            {texts.object}
          </button>
        </>
      )}

      <p role="status" class="your-data__notice" tabIndex={-1} ref={noticeRef}>
        {notice === null
          ? ''
          : formatText(texts[notice.text], notice.date ? { date: date(notice.date) } : {})}
      </p>

      {overview !== null && overview.requests.length > 0 && (
        <>
          <h4>{texts.requestsHeading}</h4>
          <ul class="your-data__requests">
            {[...overview.requests].reverse().map((request) => (
              <li key={request.id}>
                {formatText(texts.requestLine, {
                  kind: texts[kindTexts[request.kind]],
                  date: date(request.submittedAt),
                  deadline: date(request.deadline),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
