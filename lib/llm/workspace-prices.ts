import 'server-only';
import { isUniqueViolation } from '@/db/queries/errors';
import { countWorkspacePrices, deleteWorkspacePrice, insertWorkspacePrice, listWorkspacePrices } from '@/db/queries/workspace-prices';
import type { WorkspacePrice } from '@/db/schema';
import { ApiError, notFound } from '@/lib/api/errors';
import { isUuid } from '@/lib/ids';
import { forgetWorkspacePrices } from './resolve-price';
import { MAX_WORKSPACE_PRICES, type NewWorkspacePrice } from './workspace-price-schema';

/** The price object of the public API. */
export function toPriceView(row: WorkspacePrice) {
  return {
    id: row.id,
    provider: row.provider,
    model: row.model,
    effectiveFrom: row.effectiveFrom.toISOString(),
    inputPerMTok: Number(row.inputPerMTok),
    outputPerMTok: Number(row.outputPerMTok),
    cachedInputPerMTok: row.cachedInputPerMTok === null ? null : Number(row.cachedInputPerMTok),
    cacheWritePerMTok: row.cacheWritePerMTok === null ? null : Number(row.cacheWritePerMTok),
    cacheWrite1hPerMTok: row.cacheWrite1hPerMTok === null ? null : Number(row.cacheWrite1hPerMTok),
    createdAt: row.createdAt.toISOString(),
  };
}

export type PriceView = ReturnType<typeof toPriceView>;

export async function listPriceViews(workspaceId: string): Promise<PriceView[]> {
  return (await listWorkspacePrices({ workspaceId })).map(toPriceView);
}

export async function createWorkspacePrice({ workspaceId, userId, input }: { workspaceId: string; userId: string | null; input: NewWorkspacePrice }): Promise<PriceView> {
  if ((await countWorkspacePrices({ workspaceId })) >= MAX_WORKSPACE_PRICES) {
    throw new ApiError('CONFLICT', `A workspace can keep at most ${MAX_WORKSPACE_PRICES} prices; delete old entries first`);
  }
  try {
    const row = await insertWorkspacePrice({
      workspaceId,
      provider: input.provider,
      model: input.model,
      effectiveFrom: input.effectiveFrom,
      inputPerMTok: input.inputPerMTok,
      outputPerMTok: input.outputPerMTok,
      cachedInputPerMTok: input.cachedInputPerMTok ?? null,
      cacheWritePerMTok: input.cacheWritePerMTok ?? null,
      cacheWrite1hPerMTok: input.cacheWrite1hPerMTok ?? null,
      createdBy: userId,
    });
    return toPriceView(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new ApiError('CONFLICT', `A price for ${input.provider} / ${input.model} effective from ${input.effectiveFrom.toISOString()} already exists; delete it first or pick another date`, {
      fields: [{ path: 'effectiveFrom', message: 'already has a price for this model' }],
    });
  } finally {
    forgetWorkspacePrices(workspaceId);
  }
}

export async function removeWorkspacePrice({ workspaceId, id }: { workspaceId: string; id: string }): Promise<{ id: string }> {
  const deleted = isUuid(id) ? await deleteWorkspacePrice({ id, workspaceId }) : null;
  forgetWorkspacePrices(workspaceId);
  if (!deleted) throw notFound('Price');
  return deleted;
}
