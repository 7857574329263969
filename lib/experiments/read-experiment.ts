import 'server-only';
import {
  getExperimentById,
  listCellStats,
  listExperimentCells,
  listExperimentItems,
  listExperiments,
  type CellFilters,
  type CellStatRow,
  type ExperimentListFilters,
} from '@/db/queries/experiment-reads';
import type { Experiment } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { fieldError, notFound } from '@/lib/api/errors';
import { decodeCellCursor, decodeItemCursor, encodeCellCursor, encodeItemCursor } from './cursors';
import { summarizeVariants, type CellStat } from './summarize';
import { compareVariants } from './compare';
import type { VariantComparison, VariantSummary } from './types';
import { cellResult, cellView, experimentDetailView, experimentView, itemView, type CellView, type ExperimentDetailView, type ExperimentView, type ItemView } from './views';

type Page<T> = { items: T[]; nextCursor: string | null };

/** The experiment or a 404 (another workspace's id reads the same as a missing one). */
export async function requireExperiment({ id, workspaceId }: { id: string; workspaceId: string }): Promise<Experiment> {
  const row = await getExperimentById({ id, workspaceId });
  if (!row) throw notFound('Experiment');
  return row;
}

export async function listExperimentPage(
  args: { workspaceId: string; cursor?: string; limit: number } & ExperimentListFilters,
): Promise<Page<ExperimentView>> {
  const { cursor, limit, ...filters } = args;
  const rows = await listExperiments({ ...filters, after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(experimentView), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Token counts and figures only: what the summary and the comparison read, for every cell. */
function toCellStat(row: CellStatRow): CellStat {
  const usage =
    row.inputTokens === null && row.outputTokens === null
      ? null
      : { inputTokens: row.inputTokens ?? 0, outputTokens: row.outputTokens ?? 0, totalTokens: row.totalTokens ?? (row.inputTokens ?? 0) + (row.outputTokens ?? 0) };
  return {
    itemId: row.itemId,
    variant: row.variant,
    repeat: row.repeat,
    status: row.status,
    result: cellResult(row.status, row.result),
    score: row.score,
    latencyMs: row.latencyMs,
    costUsd: row.costUsd,
    judgeCostUsd: row.judgeCostUsd,
    usage,
    reused: row.reused,
  };
}

async function cellStats(row: Experiment): Promise<CellStat[]> {
  return (await listCellStats({ workspaceId: row.workspaceId, experimentId: row.id })).map(toCellStat);
}

// Summaries and comparisons keyed by what moves whenever a cell finishes: a finished experiment's are computed
// once. While it runs, one computed less than FRESH_MS ago is reused, so pages refetching on every progress
// event cost one computation per interval, not one per request.
const CACHE_MAX = 100;
const FRESH_MS = 2_000;
const statsCache = new Map<string, { key: string; at: number; value: unknown }>();
const versionKey = (row: Experiment) =>
  [row.status, row.succeededCells, row.erroredCells, row.canceledCells, row.reusedCells, row.costUsd, row.finishedAt?.getTime() ?? ''].join('|');

async function memoized<T>(row: Experiment, name: string, compute: () => Promise<T>): Promise<T> {
  const id = `${row.id}:${name}`;
  const key = versionKey(row);
  const cached = statsCache.get(id);
  const running = row.status === 'queued' || row.status === 'running';
  if (cached && (cached.key === key || (running && Date.now() - cached.at < FRESH_MS))) return cached.value as T;
  const value = await compute();
  statsCache.delete(id);
  if (statsCache.size >= CACHE_MAX) statsCache.delete(statsCache.keys().next().value!);
  statsCache.set(id, { key, at: Date.now(), value });
  return value;
}

export function summarizeExperiment(row: Experiment): Promise<VariantSummary[]> {
  return memoized(row, 'summary', async () =>
    summarizeVariants({ experimentId: row.id, variants: row.config.variants, cells: await cellStats(row), repeats: row.config.repeats }),
  );
}

export async function getExperimentDetail(args: { id: string; workspaceId: string }): Promise<ExperimentDetailView> {
  const row = await requireExperiment(args);
  return experimentDetailView(row, await summarizeExperiment(row));
}

export async function listItemPage(args: { id: string; workspaceId: string; cursor?: string; limit: number }): Promise<Page<ItemView>> {
  const row = await requireExperiment(args);
  const rows = await listExperimentItems({ experimentId: row.id, after: args.cursor ? decodeItemCursor(args.cursor) : undefined, limit: args.limit + 1 });
  const page = rows.slice(0, args.limit);
  const last = page.at(-1);
  return { items: page.map(itemView), nextCursor: rows.length > args.limit && last ? encodeItemCursor(last.position, last.itemId) : null };
}

export async function listCellPage(
  args: { id: string; workspaceId: string; cursor?: string; limit: number } & CellFilters,
): Promise<Page<CellView>> {
  const { id, workspaceId, cursor, limit, ...filters } = args;
  const row = await requireExperiment({ id, workspaceId });
  const rows = await listExperimentCells({ ...filters, workspaceId, experimentId: row.id, after: cursor ? decodeCellCursor(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCellCursor({ position: last.position, itemId: last.cell.itemId, variant: last.cell.variant, repeat: last.cell.repeat })
      : null;
  return { items: page.map(cellView), nextCursor };
}

export async function compareExperimentVariants(args: { id: string; workspaceId: string; a: number; b: number }): Promise<VariantComparison> {
  const row = await requireExperiment(args);
  const count = row.config.variants.length;
  if (args.a === args.b) throw fieldError('b', 'must differ from `a`: pick two different variants to compare');
  for (const key of ['a', 'b'] as const) {
    if (args[key] >= count) throw fieldError(key, `is out of range: this experiment has variants 0 to ${count - 1}`);
  }
  const labels = { a: row.config.variants[args.a]!.label, b: row.config.variants[args.b]!.label };
  return memoized(row, `compare:${args.a}:${args.b}`, async () => compareVariants({ experimentId: row.id, a: args.a, b: args.b, cells: await cellStats(row), labels }));
}
