// The bench's experiments through the public API, and the openai SDK making the same calls (the baseline).
import OpenAI from 'openai';
import type { FakeLlm } from '../tests/fixtures/fake-llm-server';
import { processTreeRssBytes, runPool } from './bench-utils';
import type { BenchClient } from './http-client';

export type ExperimentTiming = {
  id: string;
  cells: number;
  /** From just before the POST to the experiment's finishedAt (server clock, same machine). */
  wallSeconds: number;
  /** From just before the POST to the poll that first saw it finished (≤ POLL_MS later). */
  observedSeconds: number;
  /** Answer time of the 202. */
  postMs: number;
  succeeded: number;
  errored: number;
  canceled: number;
  status: string;
  /** Most calls the fake provider had open at once during this experiment. */
  providerPeakInFlight: number;
  peakRssGrowthMb?: number;
  /** Where the wall time went, from the cells' runs (seconds after the POST); not read for the big experiment. */
  phases?: Phases;
};

export type Phases = { firstRunStarted: number; lastRunStarted: number; lastRunFinished: number; runs: number };

const POLL_MS = 50;
const ITEMS_PER_REQUEST = 5_000;

/** The prompt's text as the server renders it for item `n` (bench-server's prompt: `Item {{ n }}`). */
export const itemText = (n: number) => `Item ${n}`;

/** A dataset of `count` items `{ n }`, added in requests of ≤ 5,000. */
export async function createDataset(client: BenchClient, name: string, count: number): Promise<string> {
  const dataset = await client.api('POST', '/api/v1/datasets', { name });
  for (let start = 0; start < count; start += ITEMS_PER_REQUEST) {
    const items = Array.from({ length: Math.min(ITEMS_PER_REQUEST, count - start) }, (_, i) => ({ input: { n: start + i }, expected: `Echo: ${itemText(start + i)}` }));
    await client.api('POST', `/api/v1/datasets/${dataset.id}/items`, { items });
  }
  return dataset.id as string;
}

/** Variants of the one prompt that differ by temperature, so their cells are distinct (and nothing is cached). */
export function variantsFor(promptId: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({ promptId, params: { temperature: i / 10 }, label: `t${i / 10}` }));
}

/** Counts the provider calls in flight by watching the fake's request log (arrivals) and their latency. */
function inFlightMeter(llm: FakeLlm, latencyMs: number) {
  const seen = llm.requests.length;
  return () => {
    const arrivals = llm.requests.slice(seen).filter((r) => r.path === '/v1/chat/completions').map((r) => r.at).sort((a, b) => a - b);
    let peak = 0;
    let first = 0;
    // With a fixed latency a call is open from its arrival for latencyMs: count arrivals inside that window.
    for (let i = 0; i < arrivals.length; i++) {
      while (arrivals[i]! - arrivals[first]! >= Math.max(latencyMs, 1)) first++;
      peak = Math.max(peak, i - first + 1);
    }
    return peak;
  };
}

export type RunExperimentOptions = {
  client: BenchClient;
  llm: FakeLlm;
  datasetId: string;
  promptId: string;
  variants: number;
  concurrency: number;
  latencyMs: number;
  /** Sample this process tree's RSS every 100 ms from before the POST to the end. */
  rssPid?: number;
  timeoutMs?: number;
  /** Read the cells' runs afterwards for the phase breakdown (default true). */
  phases?: boolean;
};

/** POSTs an experiment (cache off, one cheap evaluator) and waits until it is completed or canceled. */
export async function runExperiment(options: RunExperimentOptions): Promise<ExperimentTiming> {
  const { client, llm, latencyMs } = options;
  const peakInFlight = inFlightMeter(llm, latencyMs);
  let idleRss = 0;
  let peakRss = 0;
  let sampler: NodeJS.Timeout | undefined;
  if (options.rssPid) {
    idleRss = await idleRssBytes(options.rssPid);
    sampler = setInterval(() => (peakRss = Math.max(peakRss, processTreeRssBytes(options.rssPid!))), 100);
  }
  const startedAt = Date.now();
  const started = performance.now();
  try {
    const created = await client.api('POST', '/api/v1/experiments', {
      datasetId: options.datasetId,
      variants: variantsFor(options.promptId, options.variants),
      evaluators: [{ type: 'contains', config: { value: 'Echo' } }],
      concurrency: options.concurrency,
      cache: false,
    });
    const postMs = performance.now() - started;
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    for (;;) {
      // The list, not the detail: the detail computes the summary (bootstraps) on every poll, which would load the server.
      const page = await client.api('GET', `/api/v1/experiments?datasetId=${options.datasetId}&limit=5`);
      const experiment = (page.items as { id: string }[]).find((e) => e.id === created.id) as any;
      if (!experiment) throw new Error(`experiment ${created.id} is missing from GET /api/v1/experiments?datasetId=…`);
      if (experiment.status === 'completed' || experiment.status === 'canceled') {
        const observedSeconds = (performance.now() - started) / 1000;
        const finished = experiment.finishedAt ? Date.parse(experiment.finishedAt) : Date.now();
        const phases = options.phases === false ? undefined : await runPhases(client, created.id, startedAt);
        return {
          id: created.id,
          cells: experiment.totalCells,
          wallSeconds: (finished - startedAt) / 1000,
          observedSeconds,
          postMs: Math.round(postMs),
          succeeded: experiment.progress.succeeded,
          errored: experiment.progress.errored,
          canceled: experiment.progress.canceled,
          status: experiment.status,
          providerPeakInFlight: peakInFlight(),
          ...(phases && { phases }),
          ...(options.rssPid && { peakRssGrowthMb: Math.round((Math.max(peakRss, processTreeRssBytes(options.rssPid)) - idleRss) / 1024 / 1024) }),
        };
      }
      if (Date.now() > deadline) throw new Error(`experiment ${created.id} still ${experiment.status} after ${options.timeoutMs ?? 600_000} ms: ${JSON.stringify(experiment.progress)}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    if (sampler) clearInterval(sampler);
  }
}

/** When the experiment's runs started and finished, from GET /runs?experimentId= (pages of 100). */
async function runPhases(client: BenchClient, experimentId: string, postAt: number): Promise<Phases> {
  const started: number[] = [];
  const finished: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { startedAt: string | null; finishedAt: string | null }[]; nextCursor: string | null } = await client.api(
      'GET',
      `/api/v1/runs?experimentId=${experimentId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const run of page.items) {
      if (run.startedAt) started.push(Date.parse(run.startedAt));
      if (run.finishedAt) finished.push(Date.parse(run.finishedAt));
    }
    cursor = page.nextCursor;
  } while (cursor);
  const after = (t: number) => Math.round((t - postAt) / 10) / 100;
  return { firstRunStarted: after(Math.min(...started)), lastRunStarted: after(Math.max(...started)), lastRunFinished: after(Math.max(...finished)), runs: finished.length };
}

/** The lowest RSS over one idle second (GC settles), as the "idle" level growth is measured from. */
async function idleRssBytes(pid: number): Promise<number> {
  let low = Infinity;
  for (let i = 0; i < 10; i++) {
    low = Math.min(low, processTreeRssBytes(pid));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return low;
}

/** The baseline: the official openai SDK making `cells` calls at `concurrency` against the same fake provider. */
export async function sdkCalls(llm: FakeLlm, cells: number, concurrency: number, items: number, variants: number): Promise<{ seconds: number; errors: number }> {
  const openai = new OpenAI({ baseURL: llm.openaiBaseURL, apiKey: 'sk-bench', maxRetries: 0 });
  let errors = 0;
  const seconds = await runPool(cells, concurrency, async (i) => {
    const item = Math.floor(i / variants) % items;
    try {
      const reply = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: itemText(item) }], temperature: (i % variants) / 10 });
      // The same check the experiment's evaluator makes.
      if (!reply.choices[0]?.message.content?.includes('Echo')) errors++;
    } catch {
      errors++;
    }
  });
  return { seconds, errors };
}
