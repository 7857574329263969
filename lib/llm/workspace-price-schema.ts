import { z } from 'zod';
import { DATE_RANGE_MESSAGE, isInDateRange } from '@/lib/column-ranges';

/** USD per million tokens; well above any real price, and inside the column's numeric(14, 6). */
export const MAX_PRICE_PER_MTOK = 10_000;
/** Entries one workspace may keep (every model, every effective date). */
export const MAX_WORKSPACE_PRICES = 1000;

const perMTok = z.number().min(0, 'must be 0 or more').max(MAX_PRICE_PER_MTOK, `must be at most ${MAX_PRICE_PER_MTOK}`);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// A datetime needs its zone (Z or ±hh:mm), so the instant does not depend on the server's time zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (midnight UTC) or a datetime with its zone, as an instant. */
const effectiveFromSchema = z
  .string()
  .max(40, 'must be a date like 2026-12-01 or a datetime like 2026-12-01T09:00:00Z')
  .transform((value, ctx) => {
    const date = DATE_ONLY.test(value) ? new Date(`${value}T00:00:00.000Z`) : DATE_TIME.test(value) ? new Date(value) : null;
    // Date rolls 2026-02-30 over to March; a day that does not exist is refused instead.
    const exists = date !== null && !Number.isNaN(date.getTime()) && (!DATE_ONLY.test(value) || date.toISOString().startsWith(value));
    if (!date || !exists) {
      ctx.addIssue({ code: 'custom', message: 'must be a date like 2026-12-01 or a datetime like 2026-12-01T09:00:00Z' });
      return z.NEVER;
    }
    if (!isInDateRange(date)) {
      ctx.addIssue({ code: 'custom', message: DATE_RANGE_MESSAGE });
      return z.NEVER;
    }
    return date;
  });

export const newWorkspacePriceSchema = z.strictObject({
  provider: z.string().trim().min(1, 'is required').max(50),
  model: z.string().trim().min(1, 'is required').max(200),
  effectiveFrom: effectiveFromSchema,
  inputPerMTok: perMTok,
  outputPerMTok: perMTok,
  cachedInputPerMTok: perMTok.nullish(),
  cacheWritePerMTok: perMTok.nullish(),
  cacheWrite1hPerMTok: perMTok.nullish(),
});

export type NewWorkspacePrice = z.infer<typeof newWorkspacePriceSchema>;
