import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { expect } from '@playwright/test';
import type { FakeLlm } from '../fixtures/fake-llm-server';

/** A production server on the embedded database in `dataDir`, talking to the fake provider: for crash tests. */
export function serverEnv({ dataDir, secret, llm }: { dataDir: string; secret: string; llm: FakeLlm }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    PGLITE_DIR: `${dataDir}/pglite`,
    AUTH_SECRET: secret,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.openaiBaseURL,
    LLM_TIMEOUT_MS: '20000',
    RUN_MAX_ATTEMPTS: '3',
  };
}

/** `next start` on a port, started when ready and killed with SIGKILL (no shutdown hooks), as a crash would. */
export function nextServer(port: number, env: () => NodeJS.ProcessEnv) {
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  return {
    base,
    async start() {
      server = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], { env: env(), stdio: 'ignore', detached: true });
      await expect
        .poll(async () => (await fetch(`${base}/api/health/ready`).catch(() => null))?.status ?? 0, { timeout: 30_000, intervals: [200] })
        .toBe(200);
    },
    kill() {
      if (server?.pid) process.kill(-server.pid, 'SIGKILL');
      server = undefined;
    },
  };
}

/** Bootstraps an API key while the embedded database is free, as a headless install would. */
export function createApiKey(email: string, env: NodeJS.ProcessEnv): string {
  const output = execFileSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/api-key.ts', '--email', email], { env }).toString();
  return output.trim().split('\n').at(-1)!;
}
