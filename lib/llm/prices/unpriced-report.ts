import 'server-only';
import { listUnpricedModels } from '@/db/queries/unpriced-models';
import { priceFor } from '../pricing';
import { PRICE_TABLE_VERSION } from './price-table';
import type { UnpricedReport } from './unpriced-report-text';

const DAY_MS = 86_400_000;

/**
 * The provider/models that ran without a price in the last `days` days, across workspaces, with how many runs and
 * workspaces and when last seen; each says whether the table prices it now (an entry added since those runs).
 */
export async function buildUnpricedReport({ days, now = new Date() }: { days: number; now?: Date }): Promise<UnpricedReport> {
  const since = new Date(now.getTime() - days * DAY_MS);
  const rows = await listUnpricedModels({ since });
  return {
    days,
    since: since.toISOString(),
    tableVersion: PRICE_TABLE_VERSION,
    models: rows.map((row) => {
      const entry = priceFor(row.provider, row.model, now);
      return {
        provider: row.provider,
        model: row.model,
        runs: row.runs,
        workspaces: row.workspaces,
        lastSeen: row.lastSeen.toISOString(),
        pricedInTableNow: entry ? { model: entry.model, effectiveFrom: entry.effectiveFrom } : null,
      };
    }),
  };
}
