import { z } from 'zod';

/** The providers whose prices the table carries, and the domains their own pricing pages live on. */
export const PROVIDER_PAGE_DOMAINS: Record<string, readonly string[]> = {
  openai: ['openai.com', 'platform.openai.com', 'developers.openai.com'],
  anthropic: ['anthropic.com', 'claude.com', 'docs.anthropic.com', 'platform.claude.com'],
  groq: ['groq.com', 'console.groq.com'],
};

/** A UTC day that exists on the calendar (2026-02-30 does not). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'is not a day of the calendar');

const perMTok = z.number().finite().nonnegative('must be a non-negative USD amount per million tokens');

const rates = {
  inputPerMTok: perMTok,
  outputPerMTok: perMTok,
  cachedInputPerMTok: perMTok.optional(),
  cacheWritePerMTok: perMTok.optional(),
  cacheWrite1hPerMTok: perMTok.optional(),
};

const OPTIONAL_RATES = ['cachedInputPerMTok', 'cacheWritePerMTok', 'cacheWrite1hPerMTok'] as const;
const ALL_RATES = ['inputPerMTok', 'outputPerMTok', ...OPTIONAL_RATES] as const;

export const priceTierSchema = z.strictObject({ aboveInputTokens: z.number().int().positive(), ...rates });

/** True when `source` is an https URL on one of `provider`'s own domains (or a subdomain of one). */
export function isProviderPage(provider: string, source: string): boolean {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return false;
  }
  const domains = PROVIDER_PAGE_DOMAINS[provider] ?? [];
  return url.protocol === 'https:' && domains.some((domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`));
}

export const priceEntrySchema = z
  .strictObject({
    provider: z.enum(Object.keys(PROVIDER_PAGE_DOMAINS) as [string, ...string[]]),
    model: z.string().min(1).regex(/^[^*\s]+\*?$/, 'must be an exact model id or a prefix ending in `*`'),
    effectiveFrom: isoDay,
    releasedOn: isoDay.optional(),
    retiresOn: isoDay.optional(),
    replacement: z.string().min(1).optional(),
    reasoning: z.boolean().optional(),
    ...rates,
    tiers: z.array(priceTierSchema).min(1, 'omit `tiers` rather than leave it empty').optional(),
    source: z.string(),
    checkedOn: isoDay,
    note: z.string().min(1).optional(),
  })
  .superRefine((entry, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (!isProviderPage(entry.provider, entry.source)) {
      problem(['source'], `must be an https URL on ${entry.provider}'s own site (${PROVIDER_PAGE_DOMAINS[entry.provider]?.join(', ')})`);
    }
    if (entry.releasedOn && entry.retiresOn && entry.retiresOn <= entry.releasedOn) {
      problem(['retiresOn'], `must be after releasedOn (${entry.releasedOn})`);
    }
    if (entry.releasedOn && entry.effectiveFrom < entry.releasedOn) {
      problem(['effectiveFrom'], `must not be before releasedOn (${entry.releasedOn}): the model had no price before it existed`);
    }
    if (entry.retiresOn && entry.effectiveFrom >= entry.retiresOn) problem(['effectiveFrom'], `must be before retiresOn (${entry.retiresOn})`);
    entry.tiers?.forEach((tier, index) => {
      const previous = entry.tiers?.[index - 1];
      if (previous && tier.aboveInputTokens <= previous.aboveInputTokens) {
        problem(['tiers', index, 'aboveInputTokens'], `tiers must ascend: ${tier.aboveInputTokens} is not above ${previous.aboveInputTokens}`);
      }
      // A tier without a cache rate would bill those tokens at the tier's input price, not at a scaled cache price.
      for (const key of OPTIONAL_RATES) {
        if ((entry[key] === undefined) !== (tier[key] === undefined)) {
          problem(['tiers', index, key], `must be given in the tier exactly when the base price gives it (base: ${entry[key] ?? 'absent'})`);
        }
      }
      for (const key of ALL_RATES) {
        const base = entry[key];
        const above = tier[key];
        if (base !== undefined && above !== undefined && above < base) problem(['tiers', index, key], `a long-prompt tier is not cheaper than the base price (${base})`);
      }
    });
  });

export const priceTableSchema = z.strictObject({
  /** The day the table was last changed, then a counter for that day. */
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'must be YYYY-MM-DD.N'),
  entries: z.array(priceEntrySchema).min(1),
});

export type PriceTableFile = z.infer<typeof priceTableSchema>;
