// npm run bench – measures the run pipeline on the production build against the fake provider.
// Prints a table and JSON: platform overhead (p50/p95/p99 at concurrency 1 and 32) beside a direct SDK call,
// sustained runs per second at provider latency 0 and 200 ms, cache-hit latency, peak server memory.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import OpenAI from 'openai';
import { startFakeLlmServer, type FakeLlm } from '../tests/fixtures/fake-llm-server';
import { percentile, processTreeRssBytes, streamUntilDone } from './bench-utils';

const PORT = 3220;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA = '.bench';
const PROVIDER_TTFT_MS = 50;

async function main() {
  if (!fs.existsSync('.next/BUILD_ID') || process.argv.includes('--build')) {
    execFileSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  fs.rmSync(DATA, { recursive: true, force: true });
  const llm = await startFakeLlmServer();
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    PGLITE_DIR: `${DATA}/pglite`,
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: llm.openaiBaseURL,
    RATE_LIMIT_RUNS_PER_MINUTE: '10000000',
  };
  const key = execFileSync('node_modules/.bin/tsx', ['scripts/api-key.ts', '--email', 'bench@example.test'], { env }).toString().trim().split('\n').at(-1)!;
  const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT), '-H', '127.0.0.1'], { env, stdio: 'ignore', detached: true });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, processTreeRssBytes(server.pid!))), 100);
  try {
    await waitReady();
    const api = client(key);
    const prompt = await api('POST', '/api/v1/prompts', { title: 'Bench', userPrompt: 'Item {{ n }}', model: { provider: 'openai', model: 'gpt-4o-mini' } });
    const results = await measure(api, llm, prompt.id, key);
    clearInterval(sampler);
    report({ ...results, peakServerRssMb: Math.round(peakRss / 1024 / 1024) });
  } finally {
    clearInterval(sampler);
    if (server.pid) process.kill(-server.pid, 'SIGKILL');
    await llm.close();
  }
}

type Api = (method: string, path: string, body?: unknown) => Promise<any>;

function client(key: string): Api {
  return async (method, path, body) => {
    const res = await fetch(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.error)}`);
    return json.data;
  };
}

async function waitReady() {
  for (let i = 0; i < 300; i++) {
    if ((await fetch(`${BASE}/api/health/ready`).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

let counter = 0;

/** One run end to end: POST, then the SSE stream until `done`. Returns ms and the final status. */
async function timedRun(api: Api, promptId: string, key: string, cache = false) {
  const started = performance.now();
  const { id, status } = await api('POST', '/api/v1/runs', { promptId, variables: { n: String(counter++) }, cache });
  const final = status === 'succeeded' ? status : await streamUntilDone(`${BASE}/api/v1/runs/${id}/stream`, key);
  return { ms: performance.now() - started, status: final, id };
}

async function batch(n: number, concurrency: number, run: () => Promise<{ ms: number; status: string }>) {
  const times: number[] = [];
  let lost = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const r = await run();
        times.push(r.ms);
        if (r.status !== 'succeeded') lost++;
      }
    }),
  );
  return { times, lost, seconds: (performance.now() - started) / 1000 };
}

async function directSdk(llm: FakeLlm, n: number) {
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

async function measure(api: Api, llm: FakeLlm, promptId: string, key: string) {
  const run = () => timedRun(api, promptId, key);
  await batch(10, 4, run); // warm-up: compile routes, open connections

  llm.configure({ ttftMs: PROVIDER_TTFT_MS, chunkDelayMs: 0 });
  const direct = await directSdk(llm, 50);
  const c1 = await batch(100, 1, run);
  const c32 = await batch(320, 32, run);
  const overhead = (times: number[]) => times.map((t) => t - PROVIDER_TTFT_MS);

  llm.configure({ ttftMs: 0 });
  const sustained0 = await batch(400, 32, run);
  llm.configure({ ttftMs: 200 });
  const sustained200 = await batch(400, 32, run);

  llm.configure({ ttftMs: 0 });
  const seeded = await api('POST', '/api/v1/runs', { promptId, variables: { n: 'cache-seed' }, cache: true });
  await streamUntilDone(`${BASE}/api/v1/runs/${seeded.id}/stream`, key);
  const cacheTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    const hit = await api('POST', '/api/v1/runs', { promptId, variables: { n: 'cache-seed' }, cache: true });
    cacheTimes.push(performance.now() - started);
    if (hit.status !== 'succeeded') throw new Error('expected a cache hit');
  }

  const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });
  return {
    providerTtftMs: PROVIDER_TTFT_MS,
    directSdkOverheadMs: stats(overhead(direct)),
    overheadConcurrency1Ms: stats(overhead(c1.times)),
    overheadConcurrency32Ms: stats(overhead(c32.times)),
    runsPerSecondLatency0: Math.round((400 / sustained0.seconds) * 10) / 10,
    runsPerSecondLatency200: Math.round((400 / sustained200.seconds) * 10) / 10,
    cacheHitMs: { p50: percentile(cacheTimes, 50), p99: percentile(cacheTimes, 99) },
    runsLost: c1.lost + c32.lost + sustained0.lost + sustained200.lost,
  };
}

function report(results: Record<string, unknown> & { overheadConcurrency1Ms: { p50: number }; cacheHitMs: { p50: number }; runsLost: number }) {
  const rows: [string, string][] = [
    ['direct SDK call, minus provider TTFT (p50/p95/p99 ms)', fmt(results.directSdkOverheadMs)],
    ['platform overhead, concurrency 1 (p50/p95/p99 ms)', fmt(results.overheadConcurrency1Ms)],
    ['platform overhead, concurrency 32 (p50/p95/p99 ms)', fmt(results.overheadConcurrency32Ms)],
    ['sustained runs/s, provider latency 0 ms', String(results.runsPerSecondLatency0)],
    ['sustained runs/s, provider latency 200 ms', String(results.runsPerSecondLatency200)],
    ['cache hit (p50/p99 ms)', fmt(results.cacheHitMs)],
    ['peak server memory (MB RSS)', String(results.peakServerRssMb)],
    ['runs lost', String(results.runsLost)],
  ];
  console.log('\nPromptLab run pipeline benchmark (local defaults: PGlite, in-process cache, local dispatcher)\n');
  for (const [label, value] of rows) console.log(`${label.padEnd(56)} ${value}`);
  console.log(`\ntargets: overhead p50 < 15 ms at concurrency 1 (${results.overheadConcurrency1Ms.p50 < 15 ? 'met' : 'NOT met'}), ` +
    `cache hit p50 < 5 ms (${results.cacheHitMs.p50 < 5 ? 'met' : 'NOT met'}), no run lost (${results.runsLost === 0 ? 'met' : 'NOT met'})\n`);
  console.log(JSON.stringify(results, null, 2));
}

const fmt = (v: unknown) => Object.values(v as Record<string, number>).map((x) => x.toFixed(1)).join(' / ');

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
