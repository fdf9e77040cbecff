/**
 * The limits of a rights request (contract §8) in size and in time, apart
 * from its schema so the widget can use them without carrying the schema:
 * a zod schema built at module level stays in any bundle that imports its
 * module.
 */
import { addCalendarMonths } from './add-calendar-months';

/** Longest id list one request may name, as in an erasure request. */
export const maxRightsIds = 1000;

/**
 * When the site owner must have answered: one calendar month after the
 * request (contract §8, GDPR art. 12(3)).
 */
export function rightsRequestDeadline(submittedAt: Date): Date {
  return addCalendarMonths(submittedAt, 1);
}
