import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { runs } from '@/db/schema';
import { createTestUser, type TestUser } from './helpers';
import { createPromptFor, seedExperiment } from './experiments-read-fixture';

// The run history leaves experiment runs out (experiment_id is null). With only (workspace_id, created_at) the
// planner walks that index past every experiment cell's run to find a page of history; the partial index
// runs_history_idx holds the history runs alone.

let user: TestUser;
beforeAll(async () => {
  user = await createTestUser();
  const prompt = await createPromptFor(user);
  // 2,000 experiment runs in the workspace, no history runs.
  await seedExperiment(user, { prompt, variants: 2, items: Array.from({ length: 1000 }, (_, i) => ({ input: { topic: `t${i}` } })) });
  const db = await getDb();
  await db.execute(sql`analyze runs`);
});

describe('run history index', () => {
  it('pages the history through runs_history_idx', async () => {
    const db = await getDb();
    // The shape of listRuns without filters (db/queries/runs.ts).
    const page = db
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.workspaceId, user.workspace.id), isNull(runs.experimentId)))
      .orderBy(desc(runs.createdAt), desc(runs.id))
      .limit(51);
    const result = await db.execute(sql`explain ${page}`);
    const rows = (Array.isArray(result) ? result : (result as { rows: Record<string, string>[] }).rows) as Record<string, string>[];
    const plan = rows.map((r) => Object.values(r).join(' ')).join('\n');
    expect(plan).toContain('runs_history_idx');
  });
});
