/**
 * The public JavaScript API (contract §6): `window.Samtal` and the return
 * value of `init(config)`. Types only; `create-samtal.ts` builds it.
 */
import type { ConsentMethod } from '../protocol/consent-choice';

/** What `consent.get()` returns and the `consent` event carries. */
export interface ConsentSnapshot {
  /** `undecided` until the visitor (or the host's consent tool) decides; again after expiry or a new policy version. */
  status: 'undecided' | 'decided';
  purposes: { necessary: true; analytics: boolean; marketing: boolean };
  /** The receipt id of the current decision. */
  id: string | null;
  decidedAt: string | null;
  method: ConsentMethod | null;
  policyVersion: string;
  /** The browser sends Global Privacy Control. */
  globalPrivacyControl: boolean;
}

/** The purposes a site's consent tool sets through `consent.set`. */
export interface ConsentChoice {
  analytics: boolean;
  marketing: boolean;
}

/** A chat message as the `message` event reports it. */
export interface MessageEventPayload {
  id: string;
  from: 'bot' | 'visitor';
  text: string;
}

/** The contact fields, as `data.rectify(changes)` takes them (raw, as typed) and records them (normalised). */
export type ContactFields = {
  [Field in 'name' | 'email' | 'phone' | 'orgnr']?: string | undefined;
};

/** The rights a visitor can exercise besides a copy and erasure (contract §8). */
export type RightsKind = 'rectify' | 'restrict' | 'object';

/**
 * A rights request as `data.rectify()`, `.restrict()` and `.object()` resolve
 * it and `data.export()` keeps it under `rights.requests`.
 */
export interface RightsRequestRecord {
  id: string;
  kind: RightsKind;
  /** ISO time the visitor asked. */
  submittedAt: string;
  /** ISO time by which the site owner must answer: one calendar month later (GDPR art. 12(3)). */
  deadline: string;
  /** `rectify`: the leads corrected. */
  leadIds?: string[] | undefined;
  /** `rectify`: the corrected fields, normalised. */
  changes?: ContactFields | undefined;
  /** `restrict`: when the pause ends in this browser and the visitor is asked again. */
  until?: string | undefined;
}

/** What `data.rectify()`, `.restrict()` and `.object()` resolve to once the request is queued. */
export interface RightsRequestResult extends RightsRequestRecord {
  /** `sent`: the collector has stored it; `queued`: it waits in the outbox and is retried, on a later page too. */
  delivery: 'sent' | 'queued';
}

/**
 * How `data.rectify()` rejects bad input; nothing is sent. `field` is the
 * field at fault (`null`: the whole object), `reason` a stable code: a field
 * rule's error (`email-invalid`, `orgnr-check-digit`, …) or `not-an-object`,
 * `empty`, `unknown-field`, `not-asked` (not in `data-fields`), `not-sent`
 * (the visitor never sent that field), `not-text`, `too-long`, `no-lead`
 * (nothing sent yet to correct).
 */
export interface RightsInputError extends Error {
  name: 'SamtalInputError';
  field: string | null;
  reason: string;
}

/** Events of `Samtal.on`. */
export interface SamtalEvents extends Record<string, unknown> {
  ready: { version: string };
  open: Record<string, never>;
  close: Record<string, never>;
  consent: ConsentSnapshot;
  message: MessageEventPayload;
  lead: { id: string };
  /** A rights request was queued for the collector. */
  rights: { id: string; kind: RightsKind; submittedAt: string };
  error: { code: string; message: string };
}

/** Everything the widget holds locally about this visitor, as `data.export()` resolves it. */
export interface SamtalDataExport {
  format: 'samtal-export';
  version: 1;
  site: string;
  exportedAt: string;
  /** One section per kind of data: consent, conversation, queued events, pending sends, visitor id. */
  [section: string]: unknown;
}

export interface SamtalApi {
  open(): void;
  close(): void;
  toggle(): void;
  consent: {
    get(): ConsentSnapshot;
    set(choice: ConsentChoice): void;
    reset(): void;
  };
  on<Name extends keyof SamtalEvents>(
    name: Name,
    handler: (payload: SamtalEvents[Name]) => void,
  ): () => void;
  data: {
    export(): Promise<SamtalDataExport>;
    erase(): Promise<void>;
    /**
     * Corrects the contact details the visitor sent (GDPR art. 16): `changes`
     * as typed (`{ email: 'anna@exempel.se' }`), checked by the contact form's
     * rules and sent normalised for every lead sent from this browser.
     * Rejects with a {@link RightsInputError} and sends nothing when a value
     * is refused.
     */
    rectify(changes: ContactFields): Promise<RightsRequestResult>;
    /**
     * Pauses the use of the visitor's data (GDPR art. 18): telemetry stops at
     * once, as after a withdrawal, for one month (`until`); then the visitor
     * is asked again.
     */
    restrict(): Promise<RightsRequestResult>;
    /** Objects to marketing (GDPR art. 21(2)): marketing is off and stays off unless the visitor turns it on. */
    object(): Promise<RightsRequestResult>;
  };
  destroy(): void;
}
