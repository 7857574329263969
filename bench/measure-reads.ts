// The read path: GET /api/v1/prompts/{id} (API key auth) beside GET /api/health, both from 32 concurrent clients
// on the same server in the same run, so their ratio says what resolving the caller and the queries cost.
import { percentile, round1, runFor } from './bench-utils';
import type { BenchServer } from './bench-server';
import { perUnit, serverCpuMeter, type CpuSplit } from './process-cpu';

export const READ_CONCURRENCY = 32;

export type ReadResults = {
  promptGet: { rps: number; p50: number; errors: number; cpuMs: CpuSplit };
  health: { rps: number; p50: number; errors: number; cpuMs: CpuSplit };
  /** prompt GET requests/s divided by health requests/s. */
  ratio: number;
};

async function load(server: BenchServer, path: string, withKey: boolean, seconds: number) {
  let errors = 0;
  const times = await runFor(seconds, READ_CONCURRENCY, async () => {
    if ((await server.client.get(path, withKey)) !== 200) errors++;
  });
  return { rps: round1(times.length / seconds), p50: percentile(times, 50), errors, requests: times.length };
}

export async function measureReads(server: BenchServer, seconds: number): Promise<ReadResults> {
  const promptPath = `/api/v1/prompts/${server.promptId}`;
  await load(server, '/api/health', false, 1); // warm both routes and the socket pool
  await load(server, promptPath, true, 1);
  // Health, prompt, health again: a machine shared with others drifts, so average the two health windows.
  const half = Math.max(1, seconds / 2);
  const healthA = await load(server, '/api/health', false, half);
  const meter = await serverCpuMeter(server.pid, server.databaseUrl);
  await meter.start();
  const prompt = await load(server, promptPath, true, seconds);
  const { requests, ...promptFigures } = prompt;
  const promptGet = { ...promptFigures, cpuMs: perUnit(await meter.stop(), requests) };
  await meter.start();
  const healthB = await load(server, '/api/health', false, half);
  const healthCpu = perUnit(await meter.stop(), healthB.requests);
  await meter.close();
  const health = {
    rps: round1((healthA.rps + healthB.rps) / 2),
    p50: round1((healthA.p50 + healthB.p50) / 2),
    errors: healthA.errors + healthB.errors,
    cpuMs: healthCpu,
  };
  return { promptGet, health, ratio: Math.round((promptGet.rps / health.rps) * 100) / 100 };
}
