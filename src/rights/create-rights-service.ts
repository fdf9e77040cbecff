/**
 * The visitor's rights over their data, for the data view and `Samtal.data`:
 * a copy and erasure (contract §6), and to correct, restrict and object
 * (contract §8; GDPR art. 16, 18 and 21). Each request is
 * applied in the browser first (a restriction stops telemetry in the same
 * task, an objection turns marketing off), then kept in the visitor's own
 * record and handed to the sender's durable outbox for `{collector}/rights`.
 * A lazy chunk: loaded when the data view opens or the API is called.
 */
import type { Emitter } from '../api/create-emitter';
import type {
  RightsInputError,
  RightsKind,
  RightsRequestRecord,
  RightsRequestResult,
  SamtalDataExport,
  SamtalEvents,
} from '../api/samtal-api';
import type { FieldName } from '../config/config-schema';
import type { ConsentService } from '../consent/consent-service';
import { marketingObjectionKey } from '../consent/marketing-objection-key';
import { buildDataExport } from '../data/build-data-export';
import type { DataRegistry, DataSection } from '../data/create-data-registry';
import { type ErasureOutcome, eraseVisitorData } from '../data/erase-visitor-data';
import { type CorrectionError, parseCorrections } from '../fields/parse-corrections';
import { fieldsTexts } from '../i18n/fields-texts';
import {
  type LeadRecords,
  latestKnownLead,
  readLeadRecords,
  recordCorrection,
} from '../leads/lead-records';
import type { Sender } from '../net/create-sender';
import type { LeadFields } from '../protocol/lead';
import type { RightsRequest } from '../protocol/rights';
import { maxRightsIds, rightsRequestDeadline } from '../protocol/rights-limits';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import type { PreferenceStore } from '../storage/create-preference-store';
import { eraseRightsRecords, keepRightsRecord, readRightsRecords } from './rights-records';

export interface RightsService {
  /**
   * Corrects the visitor's contact details in every lead sent from this
   * browser. `changes` is raw input, parsed with the form's rules; rejects
   * with a {@link RightsInputError} (nothing sent) when it is refused.
   */
  rectify(changes: unknown): Promise<RightsRequestResult>;
  /** Withdraws consent as a one-month pause, in this task, then sends the request. */
  restrict(shownTexts?: readonly string[]): Promise<RightsRequestResult>;
  /** Remembers the objection, turns marketing off in this task, then sends the request. */
  object(shownTexts?: readonly string[]): Promise<RightsRequestResult>;
  /** When the visitor objected to marketing from this browser, if they did. */
  objectedAt(): string | null;
  /**
   * The `rights` section of `data.export()` and `.erase()`: the records and
   * the objection (the collector keeps its own copy until handled).
   */
  section: RightsSection;
  /** The right of access and portability (GDPR art. 15, 20): `Samtal.data.export()`. */
  exportAll(): Promise<SamtalDataExport>;
  /** The right to erasure (GDPR art. 17): `Samtal.data.erase()`. */
  eraseAll(): Promise<ErasureOutcome>;
}

/** The rights' part of the visitor's data. */
export interface RightsSection extends DataSection {
  export(): Promise<RightsExport>;
  erase(): Promise<void>;
}

/** The `rights` section of `data.export()`. */
export interface RightsExport {
  /** Every request sent from this browser, oldest first. */
  requests: RightsRequestRecord[];
  /** When the visitor objected to marketing, if they did; it holds until erased. */
  marketingObjectedAt: string | null;
}

export interface RightsServiceOptions {
  config: {
    site: string;
    /** The site's `data-fields`: a correction may name only these. */
    fields: readonly FieldName[];
    allowPersonnummer: boolean;
  };
  consent: ConsentService;
  preferences: PreferenceStore;
  /** Every section of the visitor's data, and the ids the collector may hold. */
  data: DataRegistry;
  services(): Promise<{ store: KeyValueStore; sender: Pick<Sender, 'deliver' | 'pending'> }>;
  /** Hears the `rights` event of every request once it is queued. */
  emitter: Pick<Emitter<SamtalEvents>, 'emit'>;
  newId?: () => string;
  now?: () => Date;
}

const correctionMessages: Record<string, string> = {
  'not-an-object': 'changes must be an object of contact fields',
  empty: 'changes names no field',
  'unknown-field': 'is not a contact field (name, email, phone, orgnr)',
  'not-asked': 'is not a field this site asks for (data-fields)',
  'not-sent': 'was not sent, so there is nothing to correct',
  'not-text': 'must be a string',
  'too-long': 'is too long',
  'no-lead': 'no contact details were sent from this browser, so there is nothing to correct',
};

function inputError({ field, reason }: CorrectionError | { field: null; reason: 'no-lead' }) {
  const because =
    correctionMessages[reason] ?? fieldsTexts.en[reason as keyof (typeof fieldsTexts)['en']];
  const error = new Error(
    `Samtal: ${field === null ? '' : `${field}: `}${because}`,
  ) as RightsInputError;
  return Object.assign(error, { name: 'SamtalInputError' as const, field, reason });
}

/** The fields a correction may name: those of the newest lead whose values are known. */
function sentFields(records: LeadRecords): FieldName[] | null {
  const latest = latestKnownLead(records);
  return latest ? (Object.keys(latest.fields) as FieldName[]) : null;
}

export function createRightsService(options: RightsServiceOptions): RightsService {
  const { config, consent, preferences, services } = options;
  const { site } = config;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => new Date());
  const objectedAt = () => preferences.get(marketingObjectionKey, z.string()) ?? null;

  /** Names, keeps, queues and announces one request, once its change in the browser is made. */
  async function send(
    kind: RightsKind,
    submitted: Date,
    extra: { changes?: LeadFields; leadIds?: string[]; until?: string },
  ): Promise<RightsRequestResult> {
    const ids = await options.data.erasureIds();
    const submittedAt = submitted.toISOString();
    const id = newId();
    const common = {
      id,
      site,
      visitorId: ids.visitorId,
      consentIds: ids.consentIds.slice(-maxRightsIds),
      submittedAt,
    };
    const leadIds = (extra.leadIds ?? ids.leadIds).slice(-maxRightsIds);
    const body: RightsRequest =
      kind === 'rectify'
        ? { ...common, kind, leadIds, changes: extra.changes ?? {} }
        : { ...common, kind, leadIds };
    const record: RightsRequestRecord = {
      id,
      kind,
      submittedAt,
      deadline: rightsRequestDeadline(submitted).toISOString(),
      ...(kind === 'rectify' ? { leadIds, changes: extra.changes } : {}),
      ...(extra.until === undefined ? {} : { until: extra.until }),
    };
    const { store, sender } = await services();
    const delivery = await sender.deliver('rights', id, body);
    if (delivery === 'refused') {
      // A 4xx is not retried: the visitor must hear that this request did not arrive.
      throw new Error('Samtal: the collector refused the rights request; it was not stored.');
    }
    await keepRightsRecord(store, record);
    options.emitter.emit('rights', { id, kind, submittedAt });
    return { ...record, delivery };
  }

  return {
    async rectify(input) {
      const { store, sender } = await services();
      const records = await readLeadRecords(store);
      if (records.leadIds.length === 0) throw inputError({ field: null, reason: 'no-lead' });
      const parsed = parseCorrections(input, {
        asked: config.fields,
        sent: sentFields(records),
        allowPersonnummer: config.allowPersonnummer,
      });
      if (!parsed.success) throw inputError(parsed.error);
      const changes = parsed.data;
      const submitted = now();
      const leadIds = records.leadIds.slice(-maxRightsIds);
      // A lead still waiting in the outbox leaves with the corrected values,
      // so a correction that reaches the collector first is not undone by it.
      const named = new Set(leadIds);
      for (const item of await sender.pending()) {
        if (item.endpoint !== 'leads' || !named.has(item.id)) continue;
        const queued = queuedLead.safeParse(item.body);
        if (queued.success) {
          await sender.deliver('leads', item.id, {
            ...(item.body as object),
            fields: { ...queued.data.fields, ...changes },
          });
        }
      }
      await recordCorrection(store, leadIds, changes, submitted.toISOString());
      return send('rectify', submitted, { changes, leadIds });
    },

    async restrict(shownTexts = []) {
      const submitted = now();
      const until = rightsRequestDeadline(submitted).toISOString();
      // The decision applies before its first await: telemetry stops in this task.
      await consent.decide('withdraw', { analytics: false, marketing: false }, shownTexts, until);
      return send('restrict', submitted, { until });
    },

    async object(shownTexts = []) {
      const submitted = now();
      preferences.set(marketingObjectionKey, submitted.toISOString());
      const { purposes } = consent.snapshot.get();
      if (purposes.marketing) {
        await consent.decide(
          'custom',
          { analytics: purposes.analytics, marketing: false },
          shownTexts,
        );
      }
      return send('object', submitted, {});
    },

    objectedAt,

    section: {
      async export() {
        return {
          requests: await readRightsRecords((await services()).store),
          marketingObjectedAt: objectedAt(),
        };
      },
      async erase() {
        preferences.delete(marketingObjectionKey);
        await eraseRightsRecords((await services()).store);
      },
    },

    exportAll: () => buildDataExport(site, options.data),

    eraseAll: () =>
      eraseVisitorData({
        site,
        data: options.data,
        sender: async () => (await services()).sender,
      }),
  };
}

/** A lead body in the outbox; only its fields are replaced. */
const queuedLead = z.object({ fields: z.record(z.string(), z.string()) });
