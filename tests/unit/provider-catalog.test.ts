import { describe, expect, it } from 'vitest';
import { modelWarnings } from '@/lib/llm/model-warnings';
import { PRICE_TABLE_VERSION, priceFor } from '@/lib/llm/pricing';
import { getCatalogEntry } from '@/lib/providers/catalog';

// The table's version day: suggestions must hold as of the data they were chosen from, whatever the real clock says.
const asOf = new Date(`${PRICE_TABLE_VERSION.slice(0, 10)}T12:00:00Z`);

describe.each(['openai', 'anthropic', 'groq'])('the %s model suggestions', (provider) => {
  const models = getCatalogEntry(provider)?.models ?? [];

  it('are not empty', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  it.each(models)('%s is priced and not retired or retiring', (model) => {
    const price = priceFor(provider, model, asOf);
    expect(price, `${provider} ${model} has no price in the table on ${asOf.toISOString().slice(0, 10)}`).not.toBeNull();
    expect(price?.retiresOn === undefined || price.retiresOn > PRICE_TABLE_VERSION.slice(0, 10)).toBe(true);
    expect(modelWarnings(provider, model, asOf)).toEqual([]);
  });
});
