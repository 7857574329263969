import 'server-only';
import { addDatasetItems, deleteDatasetItem, getDatasetItem, listDatasetItems, updateDatasetItem, type NewItem } from '@/db/queries/dataset-items';
import { countDatasets, deleteDataset, getDatasetById, insertDataset, listDatasetKeys, listDatasets, updateDataset } from '@/db/queries/datasets';
import { isUniqueViolation } from '@/db/queries/errors';
import { getRunById } from '@/db/queries/runs';
import type { Dataset } from '@/db/schema';
import { decodeCursor, decodeNumberCursor, encodeCursor, encodeNumberCursor } from '@/lib/api/cursor';
import { ApiError, fieldError, notFound } from '@/lib/api/errors';
import { isUuid } from '@/lib/ids';
import { itemProblem } from './item-checks';
import { MAX_DATASET_ITEMS, type DatasetItemInput } from './schemas';
import { toDatasetDetailView, toDatasetItemView, toDatasetView, type DatasetDetailView, type DatasetItemView, type DatasetView } from './views';

export const MAX_DATASETS_PER_WORKSPACE = 1000;

type Scope = { workspaceId: string };

const nameTaken = (name: string) =>
  new ApiError('CONFLICT', `A dataset named "${name}" already exists in this workspace: pick another name`, { fields: [{ path: 'name', message: 'is already taken' }] });

/** The workspace's dataset or a 404 (another workspace's id reads as missing). */
export async function requireDataset({ workspaceId, id }: Scope & { id: string }): Promise<Dataset> {
  const dataset = isUuid(id) ? await getDatasetById({ id, workspaceId }) : null;
  if (!dataset) throw notFound('Dataset');
  return dataset;
}

async function detail(dataset: Dataset): Promise<DatasetDetailView> {
  const keys = await listDatasetKeys({ id: dataset.id, workspaceId: dataset.workspaceId, of: 'input' });
  return toDatasetDetailView(dataset, keys.sort());
}

export async function getDatasetDetail(args: Scope & { id: string }): Promise<DatasetDetailView> {
  return detail(await requireDataset(args));
}

export async function listDatasetViews({ workspaceId, q, cursor, limit }: Scope & { q?: string; cursor?: string; limit: number }) {
  const rows = await listDatasets({ workspaceId, q, after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toDatasetView) as DatasetView[], nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt, last.id) : null };
}

const storable = (item: DatasetItemInput): NewItem => ({ input: item.input, expected: item.expected, metadata: item.metadata });

export async function createDataset({ workspaceId, userId, input }: Scope & { userId: string | null; input: { name: string; description?: string; items?: DatasetItemInput[] } }) {
  if ((await countDatasets({ workspaceId })) >= MAX_DATASETS_PER_WORKSPACE) {
    throw new ApiError('CONFLICT', `A workspace can keep at most ${MAX_DATASETS_PER_WORKSPACE} datasets; delete one first`);
  }
  try {
    const row = await insertDataset({ workspaceId, name: input.name, description: input.description ?? '', createdBy: userId, items: (input.items ?? []).map(storable) });
    return detail(row);
  } catch (error) {
    throw isUniqueViolation(error) ? nameTaken(input.name) : error;
  }
}

export async function renameDataset({ workspaceId, id, patch }: Scope & { id: string; patch: { name?: string; description?: string } }) {
  if (!isUuid(id)) throw notFound('Dataset');
  const row = await updateDataset({ id, workspaceId, patch }).catch((error: unknown) => {
    throw isUniqueViolation(error) && patch.name ? nameTaken(patch.name) : error;
  });
  if (!row) throw notFound('Dataset');
  return detail(row);
}

export async function removeDataset({ workspaceId, id }: Scope & { id: string }) {
  const deleted = isUuid(id) ? await deleteDataset({ id, workspaceId }) : null;
  if (!deleted) throw notFound('Dataset');
  return deleted;
}

const full = (itemCount: number, adding: number) => {
  const room = Math.max(0, MAX_DATASET_ITEMS - itemCount);
  return new ApiError(
    'INVALID_INPUT',
    `A dataset holds at most ${MAX_DATASET_ITEMS.toLocaleString('en-US')} items: it has ${itemCount.toLocaleString('en-US')}, so ${room.toLocaleString('en-US')} more fit, not ${adding.toLocaleString('en-US')}`,
    { fields: [{ path: 'items', message: `only ${room} more fit` }], details: { itemCount, room } },
  );
};

/** Appends (or, with `replace`, swaps in) items atomically; the dataset's limit is checked inside the transaction. */
export async function addItems({ workspaceId, datasetId, items, replace = false, returning = true }: Scope & { datasetId: string; items: DatasetItemInput[]; replace?: boolean; returning?: boolean }) {
  if (!isUuid(datasetId)) throw notFound('Dataset');
  const result = await addDatasetItems({ workspaceId, datasetId, items: items.map(storable), replace, maxItems: MAX_DATASET_ITEMS, returning });
  if (result.status === 'not_found') throw notFound('Dataset');
  if (result.status === 'full') throw full(replace ? 0 : result.itemCount, items.length);
  return { count: items.length, dataset: result.dataset, items: result.items.map(toDatasetItemView) as DatasetItemView[] };
}

/** "Add to dataset" on a run: its variables become the input, its output the expected value. */
export async function addRunAsItem({ workspaceId, datasetId, runId }: Scope & { datasetId: string; runId: string }) {
  await requireDataset({ workspaceId, id: datasetId });
  const run = await getRunById({ id: runId, workspaceId });
  if (!run) throw new ApiError('NOT_FOUND', 'Run not found', { fields: [{ path: 'runId', message: 'no such run in this workspace' }] });
  const item: DatasetItemInput = { input: run.variables, expected: run.output ?? undefined, metadata: { sourceRunId: run.id } };
  const problem = itemProblem(item);
  if (problem) throw fieldError('runId', `the run ${problem.path ? `${problem.path} ` : ''}${problem.message}`);
  return addItems({ workspaceId, datasetId, items: [item] });
}

export async function listItems({ workspaceId, datasetId, q, cursor, limit }: Scope & { datasetId: string; q?: string; cursor?: string; limit: number }) {
  await requireDataset({ workspaceId, id: datasetId });
  const rows = await listDatasetItems({ workspaceId, datasetId, q, afterPosition: cursor ? decodeNumberCursor(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toDatasetItemView) as DatasetItemView[], nextCursor: rows.length > limit && last ? encodeNumberCursor(last.position) : null };
}

export async function updateItem({ workspaceId, datasetId, itemId, patch }: Scope & { datasetId: string; itemId: string; patch: { input?: Record<string, unknown>; expected?: unknown; metadata?: Record<string, unknown> } }) {
  if (!isUuid(datasetId) || !isUuid(itemId)) throw notFound('Dataset item');
  const current = await getDatasetItem({ workspaceId, datasetId, itemId });
  if (!current) throw notFound('Dataset item');
  // The size limit holds for the item as it will be stored.
  const problem = itemProblem({ input: patch.input ?? current.input, expected: 'expected' in patch ? patch.expected : current.expected, metadata: patch.metadata ?? current.metadata });
  if (problem) throw fieldError(problem.path, problem.message);
  const next = { ...patch, ...('expected' in patch && { expected: patch.expected ?? null }) };
  const row = await updateDatasetItem({ workspaceId, datasetId, itemId, patch: next });
  if (!row) throw notFound('Dataset item');
  return toDatasetItemView(row);
}

export async function removeItem({ workspaceId, datasetId, itemId }: Scope & { datasetId: string; itemId: string }) {
  const deleted = isUuid(datasetId) && isUuid(itemId) ? await deleteDatasetItem({ workspaceId, datasetId, itemId }) : null;
  if (!deleted) throw notFound('Dataset item');
  return deleted;
}
