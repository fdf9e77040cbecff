/** What the rest of the widget needs from consent. */
import type { ConsentChoice, ConsentSnapshot } from '../api/samtal-api';
import type { ConsentMethod, ConsentReceipt } from '../protocol/consent-receipt';
import type { Observable } from '../state/create-observable';
import type { ConsentRecord } from './consent-rules';

/** How the visitor decided in Samtal's own UI (the host's tool uses `set`). */
export type VisitorConsentMethod = Exclude<ConsentMethod, 'host'>;

export interface ConsentService {
  /**
   * The current decision, as this tab last knew it; the UI reads it. It
   * changes at once on a decision here, before any receipt is sent, and
   * when another tab's decision is heard.
   */
  snapshot: Observable<ConsentSnapshot>;
  /**
   * The decision in force now: re-reads the stored choice, which every tab
   * shares, and updates `snapshot` if another tab changed it. The gate and
   * capture ask this, so a tab that heard nothing of another tab's
   * withdrawal (frozen, or back from the back/forward cache) still cannot
   * send after it.
   */
  current(): ConsentSnapshot;
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
