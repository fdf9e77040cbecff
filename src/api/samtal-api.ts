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

/** Events of `Samtal.on`. */
export interface SamtalEvents extends Record<string, unknown> {
  ready: { version: string };
  open: Record<string, never>;
  close: Record<string, never>;
  consent: ConsentSnapshot;
  message: MessageEventPayload;
  lead: { id: string };
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
  };
  destroy(): void;
}
