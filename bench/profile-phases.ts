// The measurements behind `npm run bench:profile`, on a server started with bench/server-probe.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { round1, runFor, runPool } from './bench-utils';
import type { BenchServer } from './bench-server';
import { formatSummary, summarizeProfile } from './cpuprofile-summary';
import { batch, cacheHits } from './measure-runs';

type Counters = { total: number; byStatement: Array<{ sql: string; n: number }>; cpu: { user: number; system: number } };
type CpuMeter = { start(): Promise<void>; since(): Promise<number> } | null;

export function probeClient(port: number) {
  return async (endpoint: string): Promise<any> => {
    const res = await fetch(`http://127.0.0.1:${port}${endpoint}`);
    if (!res.ok) throw new Error(`probe ${endpoint}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}
type Probe = ReturnType<typeof probeClient>;

const cpuMs = (c: Counters) => (c.cpu.user + c.cpu.system) / 1000;

/**
 * One request kind at a time, sequentially: SQL statements and CPU (server, PostgreSQL) per unit. Subtracting
 * the rows from one another splits a run into its requests (POST, queue callback, SSE) without async stacks.
 */
export async function sequentialCosts(server: BenchServer, probe: Probe, meter: CpuMeter, n: number): Promise<string> {
  const { client, promptId } = server;
  const promptPath = `/api/v1/prompts/${promptId}`;
  const finished = await client.api('POST', '/api/v1/runs', { promptId, variables: { n: 'replayed' } });
  await client.streamUntilDone(finished.id);
  await cacheHits(server, 1); // seeds the cache entry outside the counted window
  const kinds: Array<[label: string, work: () => Promise<unknown>]> = [
    ['GET /api/health (Next.js floor: routing, Node http)', () => runPool(n, 1, async () => void (await client.get('/api/health', false)))],
    ['GET /api/v1/prompts/{id} (API key caller + one query)', () => runPool(n, 1, async () => void (await client.get(promptPath)))],
    ['POST /api/v1/runs answered from the cache (no dispatch)', () => cacheHits(server, n)],
    ['GET /api/v1/runs/{id}/stream of a finished run (replay)', () => runPool(n, 1, async () => void (await client.streamUntilDone(finished.id)))],
    ['whole run: POST + queue callback + provider call + SSE', () => batch(server, n, 1)],
  ];
  const out = ['\nPer request kind, sequential (c=1), averaged:'];
  for (const [label, work] of kinds) {
    await probe('/counters/reset');
    const before = (await probe('/counters')) as Counters;
    await meter?.start();
    await work();
    await new Promise((resolve) => setTimeout(resolve, 100)); // let fire-and-forget writes land
    const after = (await probe('/counters')) as Counters;
    const database = meter ? `, PostgreSQL ${round1((await meter.since()) / n)} ms` : '';
    out.push(`\n${label}: ${round1(after.total / n)} statements, server CPU ${round1((cpuMs(after) - cpuMs(before)) / n)} ms${database}`);
    for (const { sql, n: count } of after.byStatement) out.push(`  ${(count / n).toFixed(2).padStart(6)}  ${sql}`);
  }
  return out.join('\n');
}

/** Load phases at c=32 (and runs at c=1), each with its own CPU profile, summarised. */
export async function profiledPhases(server: BenchServer, probe: Probe, meter: CpuMeter, outDir: string, driver: string, quick: boolean) {
  const { client, promptId } = server;
  const promptPath = `/api/v1/prompts/${promptId}`;
  const seconds = quick ? 3 : 6;
  const phases: Array<[name: string, unit: string, load: () => Promise<number>]> = [
    // c=1: nothing queues, so wall time per run minus CPU per run is time spent waiting.
    ['runs-c1', 'run', async () => (await batch(server, quick ? 20 : 50, 1)).times.length],
    ['runs-c32', 'run', async () => (await batch(server, quick ? 96 : 320, 32)).times.length],
    ['prompt-get-c32', 'request', async () => (await runFor(seconds, 32, async () => void (await client.get(promptPath)))).length],
    ['health-c32', 'request', async () => (await runFor(seconds, 32, async () => void (await client.get('/api/health', false)))).length],
  ];
  const out: string[] = [];
  for (const [name, unit, load] of phases) {
    const file = path.resolve(outDir, `${driver}-${name}.cpuprofile`);
    const before = (await probe('/counters')) as Counters;
    const benchBefore = process.cpuUsage();
    await meter?.start();
    const started = performance.now();
    await probe('/profile/start?intervalUs=500');
    const units = await load();
    await probe(`/profile/stop?file=${encodeURIComponent(file)}`);
    const wall = (performance.now() - started) / 1000;
    const after = (await probe('/counters')) as Counters;
    const databaseMs = meter ? await meter.since() : null;
    const bench = process.cpuUsage(benchBefore);
    const per = (ms: number) => `${round1(ms / units)} ms`;
    out.push(
      `\n${name}: ${units} ${unit}s in ${round1(wall)} s = ${round1(units / wall)}/s (${per(wall * 1000)} wall per ${unit}); ` +
        `CPU per ${unit}: server ${per(cpuMs(after) - cpuMs(before))}` +
        `${databaseMs === null ? ' (PGlite runs inside it)' : `, PostgreSQL backends ${per(databaseMs)}`}` +
        `, bench client + fake provider ${per((bench.user + bench.system) / 1000)}; ${round1((after.total - before.total) / units)} statements per ${unit}`,
    );
    const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
    out.push(formatSummary(`${driver} ${name}`, summarizeProfile(profile, 25), { units, unit }));
  }
  return out.join('\n');
}
