import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as labelRoute from '@/app/api/v1/prompts/[id]/labels/[label]/route';
import * as statsRoute from '@/app/api/v1/prompts/[id]/labels/[label]/stats/route';
import { getDb } from '@/db/client';
import { experimentCells, experiments, promptVersions, runs } from '@/db/schema';
import type { ExperimentConfig } from '@/lib/experiments/types';
import type { RunStatus } from '@/lib/runs/statuses';
import { quantile } from '@/lib/stats/percentile';
import { call, createTestUser, type TestUser } from './helpers';
import { expectMatchesDocument } from './openapi-responses';

let alice: TestUser;
let bob: TestUser;
let promptId: string;
const versionIds = new Map<number, string>();
const DAY = 86_400_000;

type RunSpec = { version: number; label: string | null; status?: RunStatus; latencyMs?: number | null; costUsd?: number | null; daysAgo?: number; workspaceId?: string };

async function insertRuns(specs: RunSpec[]): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .insert(runs)
    .values(
      specs.map((s) => ({
        workspaceId: s.workspaceId ?? alice.workspace.id,
        promptId,
        promptVersionId: versionIds.get(s.version)!,
        versionNumber: s.version,
        status: s.status ?? 'succeeded',
        provider: 'local',
        model: 'promptlab-local',
        messages: [{ role: 'user' as const, content: 'hi' }],
        latencyMs: s.latencyMs === undefined ? 100 : s.latencyMs,
        costUsd: s.costUsd === undefined ? 0.001 : s.costUsd,
        label: s.label,
        createdAt: new Date(Date.now() - (s.daysAgo ?? 0) * DAY),
      })),
    )
    .returning({ id: runs.id });
  return rows.map((r) => r.id);
}

const stats = async (user: TestUser, label: string, query = '') => {
  const res = await call(statsRoute.GET, { headers: user.headers, params: { id: promptId, label }, path: `/api/v1/prompts/${promptId}/labels/${label}/stats${query}` });
  expectMatchesDocument('GET', '/api/v1/prompts/{id}/labels/{label}/stats', res.status, res.body);
  return res;
};

const v1Latencies = [100, 200, 300, 400];
const v2Latencies = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];

beforeAll(async () => {
  alice = await createTestUser();
  bob = await createTestUser();
  const created = await call(promptsRoute.POST, { method: 'POST', headers: alice.headers, body: { title: 'Stats', userPrompt: 'v1' } });
  promptId = created.body.data.id;
  for (const n of [2, 3]) await call(versionsRoute.POST, { method: 'POST', headers: alice.headers, params: { id: promptId }, body: { userPrompt: `v${n}` } });
  const db = await getDb();
  for (const v of await db.select().from(promptVersions).where(eq(promptVersions.promptId, promptId))) versionIds.set(v.versionNumber, v.id);
  const split = await call(labelRoute.PUT, {
    method: 'PUT',
    headers: alice.headers,
    params: { id: promptId, label: 'production' },
    body: { split: [{ versionNumber: 1, weight: 90 }, { versionNumber: 2, weight: 10 }] },
  });
  expect(split.status).toBe(201);

  await insertRuns([
    ...v1Latencies.map((latencyMs) => ({ version: 1, label: 'production', latencyMs })),
    { version: 1, label: 'production', status: 'failed', latencyMs: 50, costUsd: null },
    { version: 1, label: 'production', status: 'queued', latencyMs: null, costUsd: null },
    ...v2Latencies.map((latencyMs) => ({ version: 2, label: 'production', latencyMs, costUsd: 0.002 })),
    // Served production before the split: in the window, shown with weight 0.
    { version: 3, label: 'production', latencyMs: 70, daysAgo: 5 },
    // Not counted: another label, no label, outside 30 days, another workspace's row.
    { version: 1, label: 'staging', latencyMs: 9_999 },
    { version: 1, label: null, latencyMs: 9_999 },
    { version: 2, label: 'production', latencyMs: 9_999, daysAgo: 40 },
    { version: 1, label: 'production', latencyMs: 9_999, workspaceId: bob.workspace.id },
  ]);

  // Experiment cells of version 1 scored 1, 0 and 0.5 (and one unscored); none for version 2.
  const cellRuns = await insertRuns([1, 1, 1, 1].map((version) => ({ version, label: null })));
  const [experiment] = await db
    .insert(experiments)
    .values({ workspaceId: alice.workspace.id, datasetName: 'd', name: 'e', status: 'completed', config: {} as ExperimentConfig, promptIds: [promptId], totalCells: 4 })
    .returning();
  const scores = [1, 0, 0.5, null];
  await db.insert(experimentCells).values(
    cellRuns.map((runId, i) => ({ experimentId: experiment!.id, workspaceId: alice.workspace.id, itemId: randomUUID(), variant: 0, repeat: 0, runId, contentHash: `h${i}`, status: 'succeeded' as const, score: scores[i] })),
  );
});

describe('GET /api/v1/prompts/{id}/labels/{label}/stats', () => {
  it('compares the split versions on the runs made through the label, by hand-computed figures', async () => {
    const res = await stats(alice, 'production');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ label: 'production', days: 30 });
    const [v1, v2, v3] = res.body.data.versions;
    expect(res.body.data.versions).toHaveLength(3);
    expect(v1).toEqual({
      versionNumber: 1,
      weight: 90,
      runs: 6,
      errors: 1,
      errorRate: 0.2,
      latencyP50Ms: 250,
      latencyP95Ms: 385,
      costUsd: expect.closeTo(0.004, 10),
      avgCostUsd: expect.closeTo(0.001, 10),
      experimentScore: { mean: 0.5, cells: 3 },
    });
    expect(v2).toEqual({
      versionNumber: 2,
      weight: 10,
      runs: 10,
      errors: 0,
      errorRate: 0,
      latencyP50Ms: 55,
      latencyP95Ms: expect.closeTo(590.5, 6),
      costUsd: expect.closeTo(0.02, 10),
      avgCostUsd: expect.closeTo(0.002, 10),
      experimentScore: null,
    });
    expect(v3).toMatchObject({ versionNumber: 3, weight: 0, runs: 1, latencyP50Ms: 70 });
    // The same percentile definition as the experiment stats.
    expect(v1.latencyP95Ms).toBeCloseTo(quantile(v1Latencies, 0.95)!, 6);
    expect(v2.latencyP95Ms).toBeCloseTo(quantile(v2Latencies, 0.95)!, 6);
  });

  it('widens the window with `days`', async () => {
    const res = await stats(alice, 'production', '?days=60');
    const v2 = res.body.data.versions.find((v: { versionNumber: number }) => v.versionNumber === 2);
    expect(v2.runs).toBe(11);
  });

  it('reads the virtual `latest`, with no runs through it yet', async () => {
    const res = await stats(alice, 'latest');
    expect(res.status).toBe(200);
    expect(res.body.data.versions).toEqual([
      { versionNumber: 3, weight: 100, runs: 0, errors: 0, errorRate: null, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0, avgCostUsd: null, experimentScore: null },
    ]);
  });

  it('answers 404 for a label that does not exist or another workspace, 422 for a bad window', async () => {
    expect((await stats(alice, 'nope')).status).toBe(404);
    const other = await stats(bob, 'production');
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    for (const query of ['?days=0', '?days=400', '?days=x', '?window=3']) {
      const res = await stats(alice, 'production', query);
      expect(res.status).toBe(422);
    }
    expect((await stats(alice, 'Bad Name')).body.error.details?.fields?.[0]?.path).toBe('label');
  });

});
