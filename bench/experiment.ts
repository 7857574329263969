// npm run bench:experiment [-- --quick] [--driver=pglite|postgres] [--build] [--postgres=postgres://user@host:port]
// The experiment engine on the production build against the fake provider, in one run: 300 cells (3 variants × 100
// items) at provider latency 200 ms and 0 ms, concurrency 10 and 50, beside the official openai SDK making the same
// calls at the same concurrency; then a 10,000-cell experiment's peak server RSS growth and its page's first render.
// Prints figures and PASS/MISS per target; not a test. Run it under `flock /tmp/promptlab-build.lock`.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureBuild, startBenchServer, type Driver } from './bench-server';
import { measurePageLoad, openSignedInBrowser } from './experiment-browser';
import { printExperimentReport, type ExperimentBenchResult, type MatrixRow } from './experiment-report';
import { createDataset, runExperiment, sdkCalls } from './experiment-workload';
import { createBenchClient } from './http-client';
import { DEFAULT_POSTGRES_URL, recreateBenchDatabase } from './postgres-db';

const PORT = 3230;
const OUT = '.data/bench/experiment.json';
const SIZES = {
  full: { items: 100, variants: 3, bigItems: 10_000 },
  quick: { items: 20, variants: 3, bigItems: 1_000 },
};
const CONCURRENCIES = [10, 50];
const LATENCIES = [200, 0];
const BIG_CONCURRENCY = 50;

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      driver: { type: 'string', default: 'pglite' },
      build: { type: 'boolean', default: false },
      postgres: { type: 'string', default: DEFAULT_POSTGRES_URL },
    },
  });
  if (values.driver !== 'pglite' && values.driver !== 'postgres') throw new Error(`--driver must be pglite or postgres, not "${values.driver}"`);
  const driver = values.driver as Driver;
  const size = values.quick ? SIZES.quick : SIZES.full;
  let databaseUrl: string | undefined;
  if (driver === 'postgres') {
    const database = await recreateBenchDatabase(values.postgres);
    if ('skipped' in database) {
      console.log(`[bench:experiment] node-postgres skipped: ${database.skipped}`);
      return;
    }
    databaseUrl = database.url;
  }
  ensureBuild(values.build);
  const server = await startBenchServer({
    driver,
    databaseUrl,
    port: PORT,
    // A signed-in browser loads the experiment page; each bench signs one user up.
    extraEnv: { AUTH_PASSWORD_LOGIN: 'true', RATE_LIMIT_SIGNUP_PER_HOUR: '1000', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' },
  });
  const bench = await openSignedInBrowser(server.base);
  const client = createBenchClient(server.base, bench.apiKey);
  const { llm } = server;
  try {
    const prompt = await client.api('POST', '/api/v1/prompts', { title: 'Bench', userPrompt: 'Item {{ n }}', model: { provider: 'openai', model: 'gpt-4o-mini' } });
    const datasetId = await createDataset(client, 'bench-300', size.items);
    const cells = size.items * size.variants;
    const run = (concurrency: number, latencyMs: number, rssPid?: number, dataset = datasetId, variants = size.variants) =>
      runExperiment({ client, llm, datasetId: dataset, promptId: prompt.id, variants, concurrency, latencyMs, rssPid, phases: !rssPid });

    console.log('[bench:experiment] warm-up (compiles the routes, opens the pools)…');
    llm.configure({ latencyMs: 0, ttftMs: 0, chunkDelayMs: 0 });
    const warmDataset = await createDataset(client, 'bench-warm-up', 10);
    await run(10, 0, undefined, warmDataset, 2);
    await sdkCalls(llm, 20, 10, 10, 2);

    const matrix: MatrixRow[] = [];
    for (const latencyMs of LATENCIES) {
      // Both fields: non-streaming calls wait latencyMs, streamed ones ttftMs before their first chunk.
      llm.configure({ latencyMs, ttftMs: latencyMs, chunkDelayMs: 0 });
      for (const concurrency of CONCURRENCIES) {
        llm.requests.length = 0;
        const sdk = await sdkCalls(llm, cells, concurrency, size.items, size.variants);
        llm.requests.length = 0;
        const experiment = await run(concurrency, latencyMs);
        console.log(`[bench:experiment] latency ${latencyMs} ms, concurrency ${concurrency}: experiment ${experiment.wallSeconds.toFixed(2)} s, SDK ${sdk.seconds.toFixed(2)} s`);
        matrix.push({ latencyMs, concurrency, cells, sdkSeconds: sdk.seconds, sdkErrors: sdk.errors, experiment });
      }
    }

    console.log(`[bench:experiment] ${size.bigItems.toLocaleString('en-US')}-cell experiment…`);
    llm.configure({ latencyMs: 0, ttftMs: 0, chunkDelayMs: 0 });
    llm.reset();
    const bigDataset = await createDataset(client, 'bench-big', size.bigItems);
    const big = await run(BIG_CONCURRENCY, 0, server.pid, bigDataset, 1);
    llm.requests.length = 0;
    const page = await measurePageLoad(bench, big.id);

    const result: ExperimentBenchResult = { driver, quick: values.quick, matrix, big: { ...big, concurrency: BIG_CONCURRENCY, page }, peakServerRssMb: server.peakRssMb() };
    printExperimentReport(result);
    fs.mkdirSync('.data/bench', { recursive: true });
    fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Raw figures: ${OUT}`);
  } finally {
    await client.close().catch(() => undefined);
    await bench.close().catch(() => undefined);
    await server.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
