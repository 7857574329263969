// npm run bench:delivery [-- --seconds=6] [--build] [--port=3240]
// The prompt API for apps (issue 9 §2) on the production build, PGlite, in one run, each at 32 concurrent clients over
// keep-alive sockets: a bare node:http server in its own process (the machine's limit), GET /api/health,
// GET /api/v1/prompts/{id} and GET /api/v1/prompts/by-slug/{slug}?label=production with an API key. Then the targets
// (slug ≥ 80% of health's req/s, slug p99 ≤ 1.5 × health's p99) and whether a label move is seen by the very next
// request. Run it under `flock /tmp/promptlab-build.lock`, away from a checkout others build in.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { percentile, round1, runFor } from './bench-utils';
import { ensureBuild, startBenchServer } from './bench-server';
import { waitUntilOk } from './http-client';

const CONCURRENCY = 32;

// The app's paths are measured in alternating rounds: a machine shared with other jobs drifts, and each path
// should see the same drift.
const ROUNDS = 3;

type Figures = { rps: number; p50: number; p99: number; errors: number };
type Samples = { times: number[]; seconds: number; errors: number };

async function sample(pool: Pool, path: string, headers: Record<string, string>, seconds: number): Promise<Samples> {
  let errors = 0;
  const times = await runFor(seconds, CONCURRENCY, async () => {
    const res = await pool.request({ path, method: 'GET', headers });
    await res.body.dump();
    if (res.statusCode !== 200) errors++;
  });
  return { times, seconds, errors };
}

function figures(parts: Samples[]): Figures {
  const times = parts.flatMap((part) => part.times);
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  return { rps: round1(times.length / seconds), p50: percentile(times, 50), p99: percentile(times, 99), errors: parts.reduce((sum, part) => sum + part.errors, 0) };
}

const load = async (pool: Pool, path: string, headers: Record<string, string>, seconds: number) => figures([await sample(pool, path, headers, seconds)]);

/** The machine's limit: node:http answering a small JSON body, in a process of its own like next-server. */
async function startBareServer(port: number) {
  const source = `require('node:http').createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end('{"data":{"status":"ok"},"error":null}'); }).listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', source], { stdio: 'ignore' });
  await waitUntilOk(`http://127.0.0.1:${port}/`);
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: 'string', default: '6' }, build: { type: 'boolean', default: false }, port: { type: 'string', default: '3240' } },
  });
  const seconds = Number(values.seconds);
  const port = Number(values.port);
  if (!(seconds > 0) || !(port > 0)) throw new Error('--seconds and --port must be positive numbers');
  ensureBuild(values.build);
  const bare = await startBareServer(port + 1);
  const server = await startBenchServer({ driver: 'pglite', port });
  const app = new Pool(server.base, { connections: 256, keepAliveTimeout: 30_000, pipelining: 1 });
  const barePool = new Pool(bare.url, { connections: 256, keepAliveTimeout: 30_000, pipelining: 1 });
  try {
    const { client } = server;
    const prompt = await client.api('GET', `/api/v1/prompts/${server.promptId}`);
    await client.api('POST', `/api/v1/prompts/${server.promptId}/versions`, { userPrompt: 'Item {{ n }}, second version' });
    await client.api('PUT', `/api/v1/prompts/${server.promptId}/labels/production`, { versionNumber: 1, note: 'bench' });
    const slugPath = `/api/v1/prompts/by-slug/${prompt.slug}?label=production`;
    const idPath = `/api/v1/prompts/${server.promptId}`;
    const keyed = { authorization: `Bearer ${server.apiKey}` };

    // Warm every path and the socket pools, then measure.
    const targets = { health: [app, '/api/health', {}], byId: [app, idPath, keyed], bySlug: [app, slugPath, keyed] } as const;
    await load(barePool, '/', {}, 1);
    for (const [pool, path, headers] of Object.values(targets)) await load(pool, path, headers, 1);
    const bareFigures = await load(barePool, '/', {}, seconds);
    const rounds: Record<keyof typeof targets, Samples[]> = { health: [], byId: [], bySlug: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, [pool, path, headers]] of Object.entries(targets) as [keyof typeof targets, (typeof targets)[keyof typeof targets]][]) {
        rounds[name].push(await sample(pool, path, headers, seconds / ROUNDS));
      }
    }
    const [health, byId, bySlug] = [figures(rounds.health), figures(rounds.byId), figures(rounds.bySlug)];

    // A label move, then the very next request.
    const moves: string[] = [];
    for (const to of [2, 1]) {
      await client.api('PUT', `/api/v1/prompts/${server.promptId}/labels/production`, { versionNumber: to, note: 'bench move' });
      const next = await client.api('GET', slugPath);
      moves.push(`moved production to v${to}: next request served v${next.versionNumber} (${next.versionNumber === to ? 'seen' : 'STALE'})`);
    }

    const row = (name: string, f: Figures) =>
      `${name.padEnd(52)} ${String(f.rps).padStart(8)} req/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms${f.errors ? `   ${f.errors} errors` : ''}`;
    console.log(`\nDelivery bench: production build, PGlite, ${CONCURRENCY} concurrent clients, ${seconds} s each (the app's paths in ${ROUNDS} alternating rounds)\n`);
    console.log(row('bare node:http (the machine\'s limit)', bareFigures));
    console.log(row(`GET /api/health`, health));
    console.log(row('GET /api/v1/prompts/{id} (API key)', byId));
    console.log(row('GET /api/v1/prompts/by-slug/{slug}?label=production', bySlug));
    const share = bySlug.rps / health.rps;
    const p99Ratio = bySlug.p99 / health.p99;
    const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
    console.log('\nTargets');
    console.log(`  slug req/s ≥ 80% of health's: ${(share * 100).toFixed(0)}% → ${verdict(share >= 0.8)}`);
    console.log(`  slug p99 ≤ 1.5 × health's p99: ${p99Ratio.toFixed(2)}× → ${verdict(p99Ratio <= 1.5)}`);
    const allSeen = moves.every((line) => line.endsWith('(seen)'));
    console.log(`  a label move is visible to the next request → ${verdict(allSeen)}`);
    for (const line of moves) console.log(`    ${line}`);
    if (bySlug.errors + byId.errors + health.errors > 0) console.log('  (errors above: the figures are not clean)');
  } finally {
    await app.close().catch(() => undefined);
    await barePool.close().catch(() => undefined);
    bare.stop();
    await server.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
