// The run path: POST /api/v1/runs, then the SSE stream until `done`, against the fake provider.
import OpenAI from 'openai';
import type { FakeLlm } from '../tests/fixtures/fake-llm-server';
import { percentile, round1, runPool, stats } from './bench-utils';
import type { BenchServer } from './bench-server';
import { perUnit, serverCpuMeter, type CpuSplit } from './process-cpu';

export const PROVIDER_TTFT_MS = 50;

export type RunSizes = { warmup: number; direct: number; c1: number; c32: number; sustained: number; cacheHits: number };

export const FULL_RUNS: RunSizes = { warmup: 20, direct: 50, c1: 100, c32: 320, sustained: 400, cacheHits: 200 };
export const QUICK_RUNS: RunSizes = { warmup: 10, direct: 20, c1: 30, c32: 96, sustained: 128, cacheHits: 60 };

export type RunResults = {
  directSdkOverheadMs: ReturnType<typeof stats>;
  overheadConcurrency1Ms: ReturnType<typeof stats>;
  overheadConcurrency32Ms: ReturnType<typeof stats>;
  runsPerSecondLatency0: number;
  runsPerSecondLatency200: number;
  /** Server process (and PostgreSQL backend) CPU per run during the latency-0 batch. */
  cpuPerRunMs: CpuSplit;
  cacheHitMs: { p50: number; p99: number };
  runsLost: number;
  /** The first few failures, to say why runs were lost. */
  failures: string[];
};

let counter = 0;

/** One run end to end; resolves to its latency and final status, never rejects. */
async function timedRun(server: BenchServer, failures: string[]): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  try {
    const { id, status } = await server.client.api('POST', '/api/v1/runs', { promptId: server.promptId, variables: { n: String(counter++) } });
    const final = status === 'succeeded' ? status : await server.client.streamUntilDone(id);
    if (final !== 'succeeded' && failures.length < 5) failures.push(`run ${id} ended ${final}`);
    return { ms: performance.now() - started, ok: final === 'succeeded' };
  } catch (error) {
    if (failures.length < 5) failures.push((error as Error).message);
    return { ms: performance.now() - started, ok: false };
  }
}

/** `n` runs from `concurrency` callers; latencies, runs that did not succeed, and runs per second. */
export async function batch(server: BenchServer, n: number, concurrency: number, failures: string[] = []) {
  const times: number[] = [];
  let lost = 0;
  const seconds = await runPool(n, concurrency, async () => {
    const r = await timedRun(server, failures);
    times.push(r.ms);
    if (!r.ok) lost++;
  });
  return { times, lost, runsPerSecond: round1(n / seconds) };
}

async function directSdk(llm: FakeLlm, n: number): Promise<number[]> {
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: llm.openaiBaseURL, maxRetries: 0 });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const stream = await sdk.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Item ${i}` }], stream: true });
    for await (const _chunk of stream) void _chunk;
    times.push(performance.now() - started);
  }
  return times;
}

export async function measureRuns(server: BenchServer, sizes: RunSizes): Promise<RunResults> {
  const { llm } = server;
  const failures: string[] = [];
  llm.configure({ ttftMs: 0, chunkDelayMs: 0 });
  await batch(server, sizes.warmup, 4, []); // compile routes, open connections, fill the pool

  llm.configure({ ttftMs: PROVIDER_TTFT_MS });
  const direct = await directSdk(llm, sizes.direct);
  const c1 = await batch(server, sizes.c1, 1, failures);
  const c32 = await batch(server, sizes.c32, 32, failures);
  const overhead = (times: number[]) => stats(times.map((t) => t - PROVIDER_TTFT_MS));

  llm.configure({ ttftMs: 0 });
  // CPU per run is steadier than latency on a machine others are loading too.
  const meter = await serverCpuMeter(server.pid, server.databaseUrl);
  await meter.start();
  const sustained0 = await batch(server, sizes.sustained, 32, failures);
  const cpu = await meter.stop();
  await meter.close();
  llm.configure({ ttftMs: 200 });
  const sustained200 = await batch(server, sizes.sustained, 32, failures);

  llm.configure({ ttftMs: 0 });
  const cacheTimes = await cacheHits(server, sizes.cacheHits);
  llm.requests.length = 0; // the fixture records every request; keep the bench's memory flat

  return {
    directSdkOverheadMs: overhead(direct),
    overheadConcurrency1Ms: overhead(c1.times),
    overheadConcurrency32Ms: overhead(c32.times),
    runsPerSecondLatency0: sustained0.runsPerSecond,
    runsPerSecondLatency200: sustained200.runsPerSecond,
    cpuPerRunMs: perUnit(cpu, sizes.sustained),
    cacheHitMs: { p50: percentile(cacheTimes, 50), p99: percentile(cacheTimes, 99) },
    runsLost: c1.lost + c32.lost + sustained0.lost + sustained200.lost,
    failures,
  };
}

/** Sequential POSTs that hit the run cache: answered `succeeded` at once, no provider call. */
export async function cacheHits(server: BenchServer, n: number): Promise<number[]> {
  const { client, promptId } = server;
  const body = { promptId, variables: { n: 'cache-seed' }, cache: true };
  const seeded = await client.api('POST', '/api/v1/runs', body);
  if (seeded.status !== 'succeeded') await client.streamUntilDone(seeded.id);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const hit = await client.api('POST', '/api/v1/runs', body);
    times.push(performance.now() - started);
    if (hit.status !== 'succeeded') throw new Error('expected a cache hit: the run cache did not answer the second identical run');
  }
  return times;
}
