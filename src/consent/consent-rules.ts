/**
 * The consent rules as a pure state machine (contract §3). A stored decision
 * is read into a state; a decision makes a new record. Time and ids come in
 * as arguments, so every transition is testable without a browser.
 *
 *   undecided ──decide──▶ decided ──withdraw──▶ withdrawn
 *       ▲                    │                      │
 *       └── 12 months or a new policy version ◀─────┘
 */
import type { ConsentMethod, ConsentPurposes } from '../protocol/consent-choice';

/** One decision as it is remembered: what was chosen, when, under which policy, how. */
export interface ConsentRecord {
  id: string;
  purposes: ConsentPurposes;
  decidedAt: string;
  policyVersion: string;
  method: ConsentMethod;
  /**
   * Only on the withdrawal a restriction makes (GDPR art. 18, "Pause use of
   * my data"): the pause ends then, and like an expired choice the visitor is
   * asked again, so nothing resumes without a new yes.
   */
  until?: string | undefined;
}

/** Why there is no decision in force. */
export type UndecidedReason = 'none' | 'expired' | 'policy-changed';

/** Where the visitor stands. */
export type ConsentState =
  | { status: 'undecided'; reason: UndecidedReason }
  | { status: 'decided'; record: ConsentRecord }
  | { status: 'withdrawn'; record: ConsentRecord };

/** A choice lasts 12 months (contract §3). */
export const consentLifetimeMonths = 12;

/** The moment a decision made at `decidedAt` stops counting. */
export function consentExpiresAt(decidedAt: string): Date {
  const expires = new Date(decidedAt);
  // Calendar months, so a choice made on 29 February ends on 1 March a year later.
  expires.setUTCMonth(expires.getUTCMonth() + consentLifetimeMonths);
  return expires;
}

/** The state a stored record puts the visitor in, now, under the current policy version. */
export function resolveConsent(
  stored: ConsentRecord | undefined,
  policyVersion: string,
  now: Date,
): ConsentState {
  if (stored === undefined) return { status: 'undecided', reason: 'none' };
  if (stored.policyVersion !== policyVersion)
    return { status: 'undecided', reason: 'policy-changed' };
  const expiresAt = stored.until
    ? Date.parse(stored.until)
    : consentExpiresAt(stored.decidedAt).getTime();
  // An unreadable date cannot prove a decision: ask again.
  if (!(expiresAt > now.getTime())) return { status: 'undecided', reason: 'expired' };
  return stored.method === 'withdraw'
    ? { status: 'withdrawn', record: stored }
    : { status: 'decided', record: stored };
}

/** What a decision needs besides the visitor's choice. */
export interface DecisionContext {
  id: string;
  now: Date;
  policyVersion: string;
  /** The browser sends Global Privacy Control. */
  globalPrivacyControl: boolean;
  /** The visitor objected to marketing (GDPR art. 21(3)); it holds like Global Privacy Control. */
  marketingObjected?: boolean | undefined;
  /** Makes the decision a pause that ends then (given with a withdrawal only). */
  until?: string | undefined;
}

/**
 * The record a decision makes. "Accept all" and a host's consent tool cannot
 * turn marketing on under Global Privacy Control or after the visitor objected
 * to marketing: only the visitor's own switch (`custom`) can. "Reject all" and
 * a withdrawal turn everything off whatever was asked.
 */
export function decideConsent(
  method: ConsentMethod,
  requested: ConsentPurposes,
  context: DecisionContext,
): ConsentRecord {
  const allOff = method === 'reject' || method === 'withdraw';
  const marketingBlocked =
    (context.globalPrivacyControl || context.marketingObjected === true) &&
    (method === 'accept' || method === 'host');
  return {
    id: context.id,
    purposes: {
      analytics: !allOff && requested.analytics,
      marketing: !allOff && !marketingBlocked && requested.marketing,
    },
    decidedAt: context.now.toISOString(),
    policyVersion: context.policyVersion,
    method,
    until: context.until,
  };
}

/**
 * Whether a decision would change nothing: a host's consent tool repeats its
 * choice on every page, and each repeat must not become a new receipt.
 */
export function repeatsCurrentChoice(state: ConsentState, purposes: ConsentPurposes): boolean {
  return (
    state.status !== 'undecided' &&
    state.record.purposes.analytics === purposes.analytics &&
    state.record.purposes.marketing === purposes.marketing
  );
}

/** What is granted in `state`: nothing unless decided. */
export function grantedPurposes(state: ConsentState): ConsentPurposes {
  return state.status === 'decided'
    ? state.record.purposes
    : { analytics: false, marketing: false };
}
