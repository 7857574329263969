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

type Figures = { rps: number; p50: number; p99: number; errors: number };

async function load(pool: Pool, path: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  let errors = 0;
  const times = await runFor(seconds, CONCURRENCY, async () => {
    const res = await pool.request({ path, method: 'GET', headers });
    await res.body.dump();
    if (res.statusCode !== 200) errors++;
  });
  return { rps: round1(times.length / seconds), p50: percentile(times, 50), p99: percentile(times, 99), errors };
}

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

    // Warm every path and the socket pools, then measure; health twice around the API paths (a shared machine drifts).
    for (const [pool, path, headers] of [[barePool, '/', {}], [app, '/api/health', {}], [app, idPath, keyed], [app, slugPath, keyed]] as const) {
      await load(pool, path, headers, 1);
    }
    const bareFigures = await load(barePool, '/', {}, seconds);
    const healthA = await load(app, '/api/health', {}, seconds / 2);
    const byId = await load(app, idPath, keyed, seconds);
    const bySlug = await load(app, slugPath, keyed, seconds);
    const healthB = await load(app, '/api/health', {}, seconds / 2);
    const health: Figures = {
      rps: round1((healthA.rps + healthB.rps) / 2),
      p50: round1((healthA.p50 + healthB.p50) / 2),
      p99: round1((healthA.p99 + healthB.p99) / 2),
      errors: healthA.errors + healthB.errors,
    };

    // A label move, then the very next request.
    const moves: string[] = [];
    for (const to of [2, 1]) {
      await client.api('PUT', `/api/v1/prompts/${server.promptId}/labels/production`, { versionNumber: to, note: 'bench move' });
      const next = await client.api('GET', slugPath);
      moves.push(`moved production to v${to}: next request served v${next.versionNumber} (${next.versionNumber === to ? 'seen' : 'STALE'})`);
    }

    const row = (name: string, f: Figures) =>
      `${name.padEnd(52)} ${String(f.rps).padStart(8)} req/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms${f.errors ? `   ${f.errors} errors` : ''}`;
    console.log(`\nDelivery bench: production build, PGlite, ${CONCURRENCY} concurrent clients, ${seconds} s each\n`);
    console.log(row('bare node:http (the machine\'s limit)', bareFigures));
    console.log(row('GET /api/health (mean of two windows)', health));
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
