/**
 * How long each kind of row is kept, and the instant before which it goes.
 * Defaults follow the privacy policy Samtal grew from (contact data 12 months
 * after the last contact, support chats 12 months) plus 13 months for
 * telemetry, enough to compare a month with the same month a year before.
 */

/** Months each kind of row is kept after it was received. */
export interface RetentionMonths {
  eventsMonths: number;
  leadsMonths: number;
  conversationsMonths: number;
  receiptsMonths: number;
}

/** The policy's periods. Receipts outlive what they prove: see the README on GDPR art. 7(1). */
export const defaultRetention: RetentionMonths = {
  eventsMonths: 13,
  leadsMonths: 12,
  conversationsMonths: 12,
  receiptsMonths: 60,
};

/** Epoch milliseconds; rows received before these are purged. */
export interface RetentionCutoffs {
  events: number;
  leads: number;
  conversations: number;
  receipts: number;
}

/** Calendar months back from `now` in UTC; the 31st falls back to the month's last day. */
export function monthsBefore(now: number, months: number): number {
  const date = new Date(now);
  const targetMonth = date.getUTCMonth() - months;
  const shifted = new Date(
    Date.UTC(
      date.getUTCFullYear(),
      targetMonth,
      1,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(
    Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0),
  ).getUTCDate();
  shifted.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return shifted.getTime();
}

export function retentionCutoffs(now: number, retention: RetentionMonths): RetentionCutoffs {
  return {
    events: monthsBefore(now, retention.eventsMonths),
    leads: monthsBefore(now, retention.leadsMonths),
    conversations: monthsBefore(now, retention.conversationsMonths),
    receipts: monthsBefore(now, retention.receiptsMonths),
  };
}
