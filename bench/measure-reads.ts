// The read path: GET /api/v1/prompts/{id} (API key auth) beside GET /api/health, both from 32 concurrent clients
// on the same server in the same run, so their ratio says what resolving the caller and the queries cost.
import { percentile, round1, runFor } from './bench-utils';
import type { BenchServer } from './bench-server';

export const READ_CONCURRENCY = 32;

export type ReadResults = {
  promptGet: { rps: number; p50: number; errors: number };
  health: { rps: number; p50: number; errors: number };
  /** prompt GET requests/s divided by health requests/s. */
  ratio: number;
};

async function load(server: BenchServer, path: string, withKey: boolean, seconds: number) {
  let errors = 0;
  const times = await runFor(seconds, READ_CONCURRENCY, async () => {
    if ((await server.client.get(path, withKey)) !== 200) errors++;
  });
  return { rps: round1(times.length / seconds), p50: percentile(times, 50), errors };
}

export async function measureReads(server: BenchServer, seconds: number): Promise<ReadResults> {
  const promptPath = `/api/v1/prompts/${server.promptId}`;
  await load(server, '/api/health', false, 1); // warm both routes and the socket pool
  await load(server, promptPath, true, 1);
  // Health, prompt, health again: a machine shared with others drifts, so average the two health windows.
  const half = Math.max(1, seconds / 2);
  const healthA = await load(server, '/api/health', false, half);
  const promptGet = await load(server, promptPath, true, seconds);
  const healthB = await load(server, '/api/health', false, half);
  const health = {
    rps: round1((healthA.rps + healthB.rps) / 2),
    p50: round1((healthA.p50 + healthB.p50) / 2),
    errors: healthA.errors + healthB.errors,
  };
  return { promptGet, health, ratio: Math.round((promptGet.rps / health.rps) * 100) / 100 };
}
