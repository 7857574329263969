// Starts the production build (`next start`) against the fake provider, on PGlite or node-postgres, with an API key.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeLlmServer, type FakeLlm } from '../tests/fixtures/fake-llm-server';
import { processTreeRssBytes } from './bench-utils';
import { createBenchClient, waitUntilOk, type BenchClient } from './http-client';

export type Driver = 'pglite' | 'postgres';

export type BenchServer = {
  base: string;
  pid: number;
  /** The postgres column's database (its backends' CPU is measured too). */
  databaseUrl?: string;
  client: BenchClient;
  /** The bench user's API key (for load generators of their own). */
  apiKey: string;
  llm: FakeLlm;
  /** A prompt with one variable `n`, on openai/gpt-4o-mini (the fake provider). */
  promptId: string;
  peakRssMb: () => number;
  logFile: string;
  stop: () => Promise<void>;
};

export type StartOptions = {
  driver: Driver;
  /** Required for the postgres driver: a migrated, empty database. */
  databaseUrl?: string;
  port: number;
  /** Node flags for the server process (e.g. the profiling probe). */
  nodeArgs?: string[];
  extraEnv?: Record<string, string>;
};

export const DATA_DIR = '.bench';

/** Builds when there is no build yet or `--build` was passed. The caller holds /tmp/promptlab-build.lock. */
export function ensureBuild(force: boolean) {
  if (fs.existsSync('.next/BUILD_ID') && !force) return;
  execFileSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
}

export async function startBenchServer(options: StartOptions): Promise<BenchServer> {
  const { driver, port } = options;
  const base = `http://127.0.0.1:${port}`;
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const pgliteDir = path.join(DATA_DIR, `pglite-${port}`);
  fs.rmSync(pgliteDir, { recursive: true, force: true });
  const llm = await startFakeLlmServer();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: driver === 'postgres' ? requireUrl(options.databaseUrl) : '',
    DATABASE_DRIVER: '',
    PGLITE_DIR: pgliteDir,
    // The local dispatcher calls back on PORT; without it, it would knock on whatever listens on 3000.
    PORT: String(port),
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    OPENAI_API_KEY: 'sk-bench',
    OPENAI_BASE_URL: llm.openaiBaseURL,
    RATE_LIMIT_RUNS_PER_MINUTE: '10000000',
    // The fake provider listens on loopback.
    ALLOW_PRIVATE_PROVIDER_URLS: 'true',
    ...options.extraEnv,
  };
  // The defaults are what is measured (RUN_CONCURRENCY_PER_WORKSPACE binds: the bench is one workspace).
  const unset = ['APP_URL', 'QSTASH_TOKEN', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'RUN_CONCURRENCY', 'RUN_CONCURRENCY_PER_WORKSPACE'];
  for (const name of unset) delete env[name];

  const key = execFileSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/api-key.ts', '--email', 'bench@example.test'], { env })
    .toString()
    .trim()
    .split('\n')
    .at(-1)!;
  const logFile = path.join(DATA_DIR, `server-${driver}-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const server: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), 'node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
    { env, stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  const pid = server.pid!;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, processTreeRssBytes(pid))), 250);
  const stop = async () => {
    clearInterval(sampler);
    await client.close().catch(() => undefined);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await llm.close();
  };
  const client = createBenchClient(base, key);
  try {
    await waitUntilOk(`${base}/api/health/ready`);
    const prompt = await client.api('POST', '/api/v1/prompts', {
      title: 'Bench',
      userPrompt: 'Item {{ n }}',
      model: { provider: 'openai', model: 'gpt-4o-mini' },
    });
    const peakRssMb = () => Math.round(peak / 1024 / 1024);
    return { base, pid, databaseUrl: options.databaseUrl, client, apiKey: key, llm, promptId: prompt.id, peakRssMb, logFile, stop };
  } catch (error) {
    await stop();
    throw new Error(`${driver} server did not start (see ${logFile}): ${(error as Error).message}`);
  }
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error('the postgres column needs a database URL');
  return url;
}
