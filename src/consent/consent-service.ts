/** What the rest of the widget needs from consent. */
import type { ConsentChoice, ConsentSnapshot } from '../api/samtal-api';
import type { ConsentMethod, ConsentReceipt } from '../protocol/consent-receipt';
import type { Observable } from '../state/create-observable';
import type { ConsentRecord } from './consent-rules';

/** How the visitor decided in Samtal's own UI (the host's tool uses `set`). */
export type VisitorConsentMethod = Exclude<ConsentMethod, 'host'>;

export interface ConsentService {
  /** The current decision; the UI and the gate read it. It changes at once, before any receipt is sent. */
  snapshot: Observable<ConsentSnapshot>;
  /**
   * The visitor decided in the banner, the preferences or their data view.
   * `shownTexts` are the exact texts on screen, for the receipt's `textHash`.
   * `pauseUntil` (ISO time, with `withdraw` only) makes the withdrawal a
   * restriction: it applies even before any decision, a host's consent tool
   * cannot undo it, and when it ends the visitor is asked again.
   * Resolves once the receipt is kept locally and handed to the sender; never rejects.
   */
  decide(
    method: VisitorConsentMethod,
    choice: ConsentChoice,
    shownTexts: readonly string[],
    pauseUntil?: string,
  ): Promise<void>;
  /** The site's consent tool (host mode) or the API decides; a repeat of the current choice does nothing. */
  set(choice: ConsentChoice): Promise<void>;
  /** Forget the decision and ask again. */
  reset(): void;
  /** The decision in force, if any, as stored. */
  record(): ConsentRecord | null;
  /** Copies of every receipt sent from this browser, for the visitor's export. */
  receipts(): Promise<ConsentReceipt[]>;
  /** Removes the decision and the receipts (the visitor's erasure). */
  erase(): Promise<void>;
  dispose(): void;
}
