/**
 * Keeps the visitor's consent decision: remembered in first-party storage
 * (strictly necessary, so allowed before any consent) and applied at once.
 * The receipt that proves it is made by a lazy chunk and leaves through the
 * one sender's durable outbox.
 *
 * One decision per browser, not per tab: the stored record is the one
 * authority. Another tab's decision is applied as soon as this tab hears of
 * it (`PreferenceStore.watch`), and `current()` re-reads the record before
 * anything is sent or captured, whether or not it was heard.
 */
import type { ConsentChoice, ConsentSnapshot } from '../api/samtal-api';
import type { Locale } from '../protocol/common';
import type { ConsentMethod } from '../protocol/consent-choice';
import { createObservable } from '../state/create-observable';
import type { PreferenceStore } from '../storage/create-preference-store';
import {
  type ConsentState,
  decideConsent,
  grantedPurposes,
  repeatsCurrentChoice,
  resolveConsent,
} from './consent-rules';
import type { ConsentService } from './consent-service';
import { marketingObjection, marketingObjectionKey } from './marketing-objection-key';
import type { ReceiptSender } from './record-consent-receipt';
import { storedConsentRecord as storedRecord } from './stored-consent-record';

const recordKey = 'consent';

export interface ConsentServiceOptions {
  site: string;
  locale: Locale;
  preferences: PreferenceStore;
  policyVersion: string;
  globalPrivacyControl: boolean;
  /** Resolves the sender; called only after a decision, so a visit without one loads nothing. */
  sender(): Promise<ReceiptSender>;
  newId?: () => string;
  now?: () => Date;
  hashTexts?: (texts: readonly string[]) => Promise<string>;
  /** The receipt could not be made or handed over; the decision itself still holds. */
  onReceiptError?: (error: unknown) => void;
  /**
   * When to start hearing other tabs (a BroadcastChannel and the `storage`
   * event): by default at once; the boot passes a later task, so opening the
   * channel does not lengthen the task that builds the API. Whatever another
   * tab decided meanwhile is read when it starts.
   */
  startWatching?: (start: () => void) => void;
}

/** The public snapshot of a state (contract §6); a withdrawal reads as a decision with nothing granted. */
function toSnapshot(
  state: ConsentState,
  policyVersion: string,
  globalPrivacyControl: boolean,
): ConsentSnapshot {
  const record = state.status === 'undecided' ? null : state.record;
  return {
    status: state.status === 'undecided' ? 'undecided' : 'decided',
    purposes: { necessary: true, ...grantedPurposes(state) },
    id: record?.id ?? null,
    decidedAt: record?.decidedAt ?? null,
    method: record?.method ?? null,
    policyVersion,
    globalPrivacyControl,
  };
}

const loadReceipts = () => import('./record-consent-receipt');

export function createConsentService(options: ConsentServiceOptions): ConsentService {
  const { site, locale, preferences, policyVersion, globalPrivacyControl, sender } = options;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => new Date());
  const onReceiptError = options.onReceiptError ?? (() => {});

  const stored = () =>
    resolveConsent(preferences.get(recordKey, storedRecord), policyVersion, now());
  let state = stored();
  const snapshot = createObservable(toSnapshot(state, policyVersion, globalPrivacyControl));
  let disposed = false;

  function apply(next: ConsentState): void {
    state = next;
    snapshot.set(toSnapshot(next, policyVersion, globalPrivacyControl));
  }

  /** Applies the stored decision if it is not the one this tab holds (another tab decided, or it expired). */
  function refresh(): ConsentSnapshot {
    const next = stored();
    const id = (value: ConsentState) =>
      value.status === 'undecided' ? value.reason : value.record.id;
    if (!disposed && (next.status !== state.status || id(next) !== id(state))) apply(next);
    return snapshot.get();
  }
  let unwatch = () => {};
  (options.startWatching ?? ((start) => start()))(() => {
    if (disposed) return;
    unwatch = preferences.watch(recordKey, refresh);
    refresh();
  });

  async function makeDecision(
    method: ConsentMethod,
    choice: ConsentChoice,
    shownTexts: readonly string[],
    pauseUntil?: string,
  ): Promise<void> {
    if (disposed) return;
    // Another tab may have decided since: build on what holds now.
    refresh();
    if (
      // A pause stops everything whatever the state; a plain withdrawal needs something to withdraw.
      (method === 'withdraw' && state.status !== 'decided' && !pauseUntil) ||
      // The visitor's own pause outranks a host's consent tool replaying its choice on every page.
      (method === 'host' && state.status === 'withdrawn' && state.record.until)
    )
      return;
    const record = decideConsent(method, choice, {
      id: newId(),
      now: now(),
      policyVersion,
      globalPrivacyControl,
      marketingObjected: preferences.get(marketingObjectionKey, marketingObjection) !== undefined,
      until: pauseUntil,
    });
    if (method === 'host' && repeatsCurrentChoice(state, record.purposes)) return;
    // Stored and applied before anything asynchronous: a withdrawal stops capture in this task.
    preferences.set(recordKey, record);
    apply(resolveConsent(record, policyVersion, now()));
    try {
      const { recordConsentReceipt } = await loadReceipts();
      await recordConsentReceipt({
        site,
        locale,
        preferences,
        record,
        shownTexts,
        sender,
        ...(options.hashTexts ? { hashTexts: options.hashTexts } : {}),
      });
    } catch (error) {
      onReceiptError(error);
    }
  }

  return {
    snapshot,
    current: refresh,
    decide: makeDecision,
    // The host's own banner was shown, not Samtal's: there is no Samtal text to prove.
    set: (choice) => makeDecision('host', choice, []),
    reset() {
      preferences.delete(recordKey);
      apply({ status: 'undecided', reason: 'none' });
    },
    record: () => (state.status === 'undecided' ? null : state.record),
    receipts: async () => (await loadReceipts()).readConsentReceipts(preferences),
    async erase() {
      preferences.delete(recordKey);
      apply({ status: 'undecided', reason: 'none' });
      (await loadReceipts()).forgetConsentReceipts(preferences);
    },
    dispose() {
      disposed = true;
      unwatch();
    },
  };
}
