import { z } from 'zod';

// PostgreSQL refuses a value past its column type with an error (a 500 here), so input is held to these first.

/** The largest PostgreSQL `integer` (version numbers, counts). */
export const MAX_INTEGER = 2_147_483_647;

// timestamptz reaches further, but no row here predates 1970, and years past 9999 have no plain ISO form.
export const MIN_DATE = new Date('1970-01-01T00:00:00.000Z');
export const MAX_DATE = new Date('9999-12-31T23:59:59.999Z');
export const DATE_RANGE_MESSAGE = 'must be a date between 1970-01-01 and 9999-12-31';

export const isInDateRange = (date: Date): boolean => date >= MIN_DATE && date <= MAX_DATE;

/** A date in a query parameter (ISO 8601), within the range above. */
export const dateParamSchema = z.coerce
  .date({ message: 'must be an ISO date' })
  .min(MIN_DATE, DATE_RANGE_MESSAGE)
  .max(MAX_DATE, DATE_RANGE_MESSAGE);
