import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { datasetItems, datasets, experimentCells, experiments, runs } from '@/db/schema';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { call, type TestUser } from './helpers';
import { startRouteServer } from './route-server';
import { pipelineSettings } from './runs-harness';

/**
 * The experiment engine in one process: the fake provider at the network edge, the run and experiment callbacks
 * served over real HTTP (the local dispatcher's signed deliveries), the public routes called directly.
 */
export async function startExperimentPipeline(settings: Record<string, string> = {}) {
  const llm = await startFakeLlmServer();
  const handlers: { runs?: typeof import('@/app/api/queue/runs/route'); experiments?: typeof import('@/app/api/queue/experiments/route') } = {};
  const server = await startRouteServer([
    { method: 'POST', pattern: /^\/api\/queue\/runs$/, handler: (req) => handlers.runs!.POST(req) },
    { method: 'POST', pattern: /^\/api\/queue\/experiments$/, handler: (req) => handlers.experiments!.POST(req) },
  ]);
  Object.assign(process.env, pipelineSettings(server.url, llm), settings);
  handlers.runs = await import('@/app/api/queue/runs/route');
  handlers.experiments = await import('@/app/api/queue/experiments/route');
  const routes = {
    experiments: await import('@/app/api/v1/experiments/route'),
    experiment: await import('@/app/api/v1/experiments/[id]/route'),
    cells: await import('@/app/api/v1/experiments/[id]/cells/route'),
    prompts: await import('@/app/api/v1/prompts/route'),
    versions: await import('@/app/api/v1/prompts/[id]/versions/route'),
  };

  async function createPrompt(user: TestUser, body: Record<string, unknown> = {}) {
    const res = await call(routes.prompts.POST, {
      method: 'POST',
      headers: user.headers,
      body: { title: `Exp ${randomUUID().slice(0, 6)}`, userPrompt: 'Tell me about {{ topic }}', model: { provider: 'openai', model: 'gpt-4o-mini' }, ...body },
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string };
  }

  async function addVersion(user: TestUser, promptId: string, body: Record<string, unknown>) {
    const res = await call(routes.versions.POST, { method: 'POST', headers: user.headers, params: { id: promptId }, body });
    expect(res.status).toBe(201);
    return res.body.data as { versionNumber: number };
  }

  /** A dataset straight in the tables (its API is another part's). */
  async function createDataset(user: TestUser, items: { input: Record<string, unknown>; expected?: unknown }[]) {
    const db = await getDb();
    const [dataset] = await db.insert(datasets).values({ workspaceId: user.workspace.id, name: `ds-${randomUUID().slice(0, 8)}`, itemCount: items.length }).returning();
    for (let i = 0; i < items.length; i += 1000) {
      await db.insert(datasetItems).values(
        items.slice(i, i + 1000).map((item, j) => ({ datasetId: dataset!.id, workspaceId: user.workspace.id, position: i + j, input: item.input, expected: item.expected ?? null })),
      );
    }
    return dataset!;
  }

  const startExperiment = (user: TestUser, body: Record<string, unknown>) => call(routes.experiments.POST, { method: 'POST', headers: user.headers, body });
  const getExperiment = (user: TestUser, id: string) => call(routes.experiment.GET, { params: { id }, headers: user.headers });

  /** The experiment row, read straight from the table (the read API is tested on its own). */
  async function experimentRow(id: string) {
    const db = await getDb();
    const [row] = await db.select().from(experiments).where(eq(experiments.id, id));
    return row!;
  }

  async function cellRows(id: string) {
    const db = await getDb();
    return db.select().from(experimentCells).where(eq(experimentCells.experimentId, id));
  }

  async function runRows(id: string) {
    const db = await getDb();
    return db.select().from(runs).where(eq(runs.experimentId, id));
  }

  async function waitForExperiment(id: string, until = (s: string) => s === 'completed' || s === 'canceled', timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await experimentRow(id);
      if (until(row.status)) return row;
      if (Date.now() > deadline) throw new Error(`experiment ${id} still ${row.status} (${row.succeededCells}/${row.erroredCells}/${row.canceledCells} of ${row.totalCells})`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  return {
    llm: llm as FakeLlm,
    server,
    routes,
    createPrompt,
    addVersion,
    createDataset,
    startExperiment,
    getExperiment,
    experimentRow,
    cellRows,
    runRows,
    waitForExperiment,
    close: async () => {
      await server.close();
      await llm.close();
    },
  };
}
