import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import { getDb } from '@/db/client';
import { datasets, experimentCells, experimentItems, experiments, runs } from '@/db/schema';
import type { EvaluatorResult } from '@/lib/evaluators/types';
import type { CellStatus, ExperimentStatus } from '@/lib/experiments/statuses';
import type { ExperimentConfig, ResolvedVariant } from '@/lib/experiments/types';
import { countedUsage } from '@/lib/llm/usage';
import { call, type TestUser } from './helpers';

// Experiments built straight in the tables, so the read side is tested without the engine.

export type SeedCell = {
  status: CellStatus;
  result?: 'pass' | 'fail' | 'error' | null;
  score?: number | null;
  output?: string | null;
  latencyMs?: number | null;
  costUsd?: number | null;
  tokens?: [number, number];
  errorCode?: string;
  reused?: boolean;
  results?: EvaluatorResult[];
};

export async function createPromptFor(user: TestUser) {
  const res = await call(promptsRoute.POST, {
    method: 'POST',
    headers: user.headers,
    body: { title: `Read ${randomUUID().slice(0, 8)}`, userPrompt: 'Tell me about {{ topic }}', model: { provider: 'openai', model: 'gpt-4o-mini' } },
  });
  expect(res.status).toBe(201);
  return { promptId: res.body.data.id as string, versionId: res.body.data.currentVersion.id as string };
}

export async function createDatasetRow(user: TestUser, name = `ds-${randomUUID().slice(0, 8)}`) {
  const db = await getDb();
  const [row] = await db.insert(datasets).values({ workspaceId: user.workspace.id, name }).returning();
  return row!;
}

export async function seedExperiment(
  user: TestUser,
  options: {
    prompt: { promptId: string; versionId: string };
    datasetId?: string | null;
    items: { input: Record<string, unknown>; expected?: unknown }[];
    variants?: number;
    repeats?: number;
    status?: ExperimentStatus;
    createdAt?: Date;
    evaluators?: ExperimentConfig['evaluators'];
    cell?: (item: number, variant: number, repeat: number) => SeedCell;
  },
) {
  const db = await getDb();
  const variantCount = options.variants ?? 2;
  const repeats = options.repeats ?? 1;
  const variants: ResolvedVariant[] = Array.from({ length: variantCount }, (_, index) => ({
    index,
    label: `V${index}`,
    promptId: options.prompt.promptId,
    promptTitle: 'Read',
    versionId: options.prompt.versionId,
    versionNumber: 1,
    provider: 'openai',
    model: index % 2 ? 'gpt-4o' : 'gpt-4o-mini',
    params: {},
  }));
  const config: ExperimentConfig = { variants, evaluators: options.evaluators ?? [{ type: 'contains', config: { value: 'x' }, name: 'contains' }], repeats, concurrency: 10, budgetUsd: null, cache: true, threshold: null };
  const cellOf = options.cell ?? (() => ({ status: 'pending' as const }));
  const plan: { itemId: string; item: number; variant: number; repeat: number; seed: SeedCell }[] = [];
  const itemIds: string[] = options.items.map(() => randomUUID());
  for (let i = 0; i < options.items.length; i++) {
    for (let v = 0; v < variantCount; v++) for (let r = 0; r < repeats; r++) plan.push({ itemId: itemIds[i]!, item: i, variant: v, repeat: r, seed: cellOf(i, v, r) });
  }
  const count = (s: CellStatus) => plan.filter((p) => p.seed.status === s).length;
  const [experiment] = await db
    .insert(experiments)
    .values({
      workspaceId: user.workspace.id,
      datasetId: options.datasetId ?? null,
      datasetName: 'Seeded',
      name: `exp-${randomUUID().slice(0, 8)}`,
      status: options.status ?? 'completed',
      config,
      promptIds: [options.prompt.promptId],
      totalCells: plan.length,
      succeededCells: count('succeeded'),
      erroredCells: count('errored'),
      canceledCells: count('canceled'),
      reusedCells: plan.filter((p) => p.seed.reused).length,
      costUsd: plan.reduce((sum, p) => sum + (p.seed.costUsd ?? 0), 0),
      createdAt: options.createdAt ?? new Date(),
      startedAt: new Date(),
      finishedAt: options.status && options.status !== 'completed' && options.status !== 'canceled' ? null : new Date(),
    })
    .returning();
  const id = experiment!.id;
  // Reverse position order on insert, so a test sees the query sort, not the insert order.
  const itemRows = options.items.map((item, i) => ({ experimentId: id, itemId: itemIds[i]!, position: i + 1, input: item.input, expected: item.expected ?? null }));
  if (itemRows.length > 0) await db.insert(experimentItems).values([...itemRows].reverse());
  for (let start = 0; start < plan.length; start += 500) {
    const chunk = plan.slice(start, start + 500);
    const runRows = chunk.map(({ seed, variant }) => ({
      id: randomUUID(),
      workspaceId: user.workspace.id,
      promptId: options.prompt.promptId,
      promptVersionId: options.prompt.versionId,
      versionNumber: 1,
      experimentId: id,
      status: seed.status === 'succeeded' ? ('succeeded' as const) : seed.status === 'errored' ? ('failed' as const) : seed.status === 'canceled' ? ('canceled' as const) : ('queued' as const),
      provider: 'openai',
      model: variants[variant]!.model,
      messages: [{ role: 'user' as const, content: 'hi' }],
      output: seed.output ?? (seed.status === 'succeeded' ? `output ${variant}` : null),
      usage: seed.tokens ? countedUsage(seed.tokens[0], seed.tokens[1], false) : null,
      costUsd: seed.costUsd ?? null,
      latencyMs: seed.latencyMs ?? null,
      errorCode: seed.errorCode ?? (seed.status === 'errored' ? 'PROVIDER_ERROR' : null),
      errorMessage: seed.status === 'errored' ? 'The provider answered 500' : null,
    }));
    await db.insert(runs).values(runRows);
    await db.insert(experimentCells).values(
      chunk.map(({ itemId, variant, repeat, seed }, i) => ({
        experimentId: id,
        workspaceId: user.workspace.id,
        itemId,
        variant,
        repeat,
        runId: runRows[i]!.id,
        contentHash: `${itemId}:${variant}:${repeat}`,
        status: seed.status,
        reused: seed.reused ?? false,
        results: seed.results ?? null,
        result: seed.result ?? null,
        score: seed.score ?? null,
        costUsd: seed.costUsd ?? null,
        latencyMs: seed.latencyMs ?? null,
      })),
    );
  }
  return { experiment: experiment!, itemIds, variants };
}
