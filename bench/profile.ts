// npm run bench:profile [-- --only=pglite|postgres] [--quick] [--build] [--postgres=postgres://user@host:port]
// Profiles the production server on each driver: SQL statements and CPU per request kind (sequential), then a
// V8 CPU profile of each load phase (runs at c=1 and c=32, GET /api/v1/prompts/{id} and GET /api/health at c=32)
// summarised by layer, module and function, with CPU per run of the server, the PostgreSQL backends and the bench.
// Writes .bench-prof/*.cpuprofile and .bench-prof/summary.txt. Run it under `flock /tmp/promptlab-build.lock`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runPool } from './bench-utils';
import { ensureBuild, startBenchServer, type Driver } from './bench-server';
import { batch } from './measure-runs';
import { DEFAULT_POSTGRES_URL, recreateBenchDatabase } from './postgres-db';
import { databaseCpuMeter } from './process-cpu';
import { probeClient, profiledPhases, sequentialCosts } from './profile-phases';

const PORT = 3221;
const PROBE_PORT = 3229;
const OUT = '.bench-prof';

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
  fs.mkdirSync(OUT, { recursive: true });
  const report: string[] = [];
  for (const [i, driver] of drivers.entries()) {
    console.log(`[profile] ${driver}…`);
    report.push(await profileDriver(driver, values.postgres, values.quick, values.build && i === 0));
  }
  const text = report.join('\n');
  console.log(text);
  fs.writeFileSync(path.join(OUT, 'summary.txt'), `${text}\n`);
  console.log(`\nProfiles and this summary: ${OUT}/ (open a .cpuprofile in Chrome DevTools, or run bench/cpuprofile-summary.ts on it)`);
}

async function profileDriver(driver: Driver, postgresUrl: string, quick: boolean, build: boolean): Promise<string> {
  let databaseUrl: string | undefined;
  if (driver === 'postgres') {
    const database = await recreateBenchDatabase(postgresUrl);
    if ('skipped' in database) return `\n#### postgres: skipped (${database.skipped})`;
    databaseUrl = database.url;
  }
  ensureBuild(build);
  const server = await startBenchServer({
    driver,
    databaseUrl,
    port: PORT,
    nodeArgs: ['--import', path.resolve('bench/server-probe.mjs')],
    extraEnv: { BENCH_PROBE_PORT: String(PROBE_PORT) },
  });
  const meter = databaseUrl ? await databaseCpuMeter(databaseUrl) : null;
  try {
    const probe = probeClient(PROBE_PORT);
    server.llm.configure({ ttftMs: 0, chunkDelayMs: 0 });
    await batch(server, 20, 4); // warm-up: compile routes, open connections
    await runPool(200, 8, async () => void (await server.client.get(`/api/v1/prompts/${server.promptId}`)));
    const costs = await sequentialCosts(server, probe, meter, quick ? 20 : 50);
    const phases = await profiledPhases(server, probe, meter, OUT, driver, quick);
    return [`\n#### ${driver}`, costs, phases].join('\n');
  } finally {
    await meter?.close();
    await server.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
