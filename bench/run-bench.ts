// npm run bench [-- --only=pglite|postgres] [--quick] [--build] [--postgres=postgres://user@host:port]
// Measures the run pipeline and the read path on the production build against the fake provider, once on PGlite
// (the default) and once on node-postgres against a fresh `promptlab_bench` database, and prints a column each.
// Run it under `flock /tmp/promptlab-build.lock`: it shares .next/ and port 3220 with the other build jobs.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DATA_DIR, ensureBuild, startBenchServer, type Driver } from './bench-server';
import { measureReads } from './measure-reads';
import { FULL_RUNS, measureRuns, QUICK_RUNS } from './measure-runs';
import { DEFAULT_POSTGRES_URL, recreateBenchDatabase } from './postgres-db';
import { printReport, type Column } from './report';

const PORT = 3220;
const TITLES: Record<Driver, string> = { pglite: 'PGlite (embedded)', postgres: 'node-postgres' };

async function main() {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      build: { type: 'boolean', default: false },
      postgres: { type: 'string', default: DEFAULT_POSTGRES_URL },
    },
  });
  if (values.only && values.only !== 'pglite' && values.only !== 'postgres') {
    throw new Error(`--only must be pglite or postgres, not "${values.only}"`);
  }
  const drivers: Driver[] = values.only ? [values.only as Driver] : ['pglite', 'postgres'];
  let build = values.build;

  const columns: Column[] = [];
  for (const driver of drivers) {
    const started = performance.now();
    console.log(`\n[bench] ${TITLES[driver]}: starting…`);
    columns.push(await measureColumn(driver, values.postgres, values.quick, build));
    build = false;
    console.log(`[bench] ${TITLES[driver]}: done in ${Math.round((performance.now() - started) / 1000)} s`);
  }
  printReport(
    columns,
    `${values.quick ? 'quick: fewer iterations, noisier; ' : ''}default settings, one workspace: local dispatcher ` +
      'running RUN_CONCURRENCY_PER_WORKSPACE at once, in-process cache and limiter',
  );
  fs.writeFileSync(`${DATA_DIR}/results.json`, `${JSON.stringify(columns, null, 2)}\n`);
  console.log(`Raw figures: ${DATA_DIR}/results.json`);
}

async function measureColumn(driver: Driver, postgresUrl: string, quick: boolean, build: boolean): Promise<Column> {
  let databaseUrl: string | undefined;
  if (driver === 'postgres') {
    const database = await recreateBenchDatabase(postgresUrl);
    if ('skipped' in database) {
      console.log(`[bench] ${TITLES[driver]}: skipped (${database.skipped})`);
      return { title: TITLES[driver], driver, skipped: database.skipped };
    }
    databaseUrl = database.url;
  }
  ensureBuild(build); // only once a server is about to start: a skipped column needs no build
  const server = await startBenchServer({ driver, databaseUrl, port: PORT });
  try {
    const runs = await measureRuns(server, quick ? QUICK_RUNS : FULL_RUNS);
    const reads = await measureReads(server, quick ? 3 : 6);
    return { title: TITLES[driver], driver, result: { ...runs, reads, peakServerRssMb: server.peakRssMb() } };
  } finally {
    await server.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
