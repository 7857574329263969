import 'server-only';
import { listRuns, type RunFilters } from '@/db/queries/runs';
import { decodeCursor, encodeCursor } from '@/lib/api/cursor';
import { toRunWithTitleView, type RunWithTitleView } from './run-view';

/** The run history newest first, keyset-paginated, each run with its prompt's title. */
export async function listRunPage(
  args: { workspaceId: string; cursor?: string; limit: number } & RunFilters,
): Promise<{ items: RunWithTitleView[]; nextCursor: string | null }> {
  const { cursor, limit, ...filters } = args;
  const rows = await listRuns({ ...filters, after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1)?.run;
  return { items: page.map(toRunWithTitleView), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
