import { LOCAL_MODEL_ID, LOCAL_PROVIDER_ID } from '../../providers/catalog';
import data from './price-table.json';
import type { PriceEntry } from './price-types';

/**
 * The built-in prices: a data file with one entry per provider/model/effective date, each with its source page and
 * the day it was checked (tests/unit/price-table.test.ts checks its shape). Entries are never edited once shipped:
 * a price change is a new entry with a later effectiveFrom, and every change bumps `version`, which is stored
 * beside every cost computed from the table.
 */
export const PRICE_TABLE_VERSION: string = data.version;

// The built-in local test model costs nothing; it has no provider page to cite.
const localModel: PriceEntry = {
  provider: LOCAL_PROVIDER_ID,
  model: LOCAL_MODEL_ID,
  effectiveFrom: '2024-01-01',
  inputPerMTok: 0,
  outputPerMTok: 0,
  source: 'lib/llm/local-provider.ts',
  checkedOn: '2026-12-01',
};

// The JSON's inferred type widens the optional fields; the unit test holds the file to PriceEntry's shape.
export const PRICE_TABLE: readonly PriceEntry[] = [...(data.entries as PriceEntry[]), localModel];
