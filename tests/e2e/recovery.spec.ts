import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';

// Kills the production server (SIGKILL, no shutdown hooks) in the middle of a batch of runs and restarts it:
// every run must finish, none lost, none recorded twice.
const port = 3210;
const base = `http://127.0.0.1:${port}`;
const dataDir = '.data/e2e-recovery';

let llm: FakeLlm;
let server: ChildProcess | undefined;

function serverEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    PGLITE_DIR: `${dataDir}/pglite`,
    AUTH_SECRET: 'recovery-secret-recovery-secret-recovery',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.openaiBaseURL,
    LLM_TIMEOUT_MS: '20000',
    RUN_MAX_ATTEMPTS: '3',
  };
}

async function startServer() {
  server = spawn('node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], { env: serverEnv(), stdio: 'ignore', detached: true });
  await expect
    .poll(async () => (await fetch(`${base}/api/health/ready`).catch(() => null))?.status ?? 0, { timeout: 30_000, intervals: [200] })
    .toBe(200);
}

function killServer() {
  if (server?.pid) process.kill(-server.pid, 'SIGKILL');
  server = undefined;
}

test.beforeAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  llm = await startFakeLlmServer();
});

test.afterAll(async () => {
  killServer();
  await llm?.close();
});

test('every run of a batch finishes after the server is killed mid-batch', async () => {
  test.setTimeout(120_000);
  // Bootstrap a key while the embedded database is free, as a headless install would.
  const output = execFileSync('node_modules/.bin/tsx', ['--conditions=react-server', 'scripts/api-key.ts', '--email', 'ops@example.test'], { env: serverEnv() }).toString();
  const key = output.trim().split('\n').at(-1)!;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

  await startServer();
  llm.configure({ ttftMs: 1500, chunkDelayMs: 50 });
  const prompt = await (
    await fetch(`${base}/api/v1/prompts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Batch', userPrompt: 'Item {{ n }}', model: { provider: 'openai', model: 'gpt-4o-mini' } }),
    })
  ).json();
  const ids: string[] = [];
  for (let n = 0; n < 8; n++) {
    const res = await fetch(`${base}/api/v1/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ promptId: prompt.data.id, variables: { n: String(n) }, cache: false }),
    });
    expect(res.status).toBe(202);
    ids.push((await res.json()).data.id);
  }
  await expect.poll(() => llm.requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
  killServer();

  await startServer();
  for (const id of ids) {
    await expect
      .poll(async () => (await (await fetch(`${base}/api/v1/runs/${id}`, { headers })).json()).data.status, { timeout: 60_000, intervals: [250] })
      .toBe('succeeded');
  }
  const list = await (await fetch(`${base}/api/v1/runs?promptId=${prompt.data.id}&limit=100`, { headers })).json();
  expect(list.data.items).toHaveLength(ids.length);
  for (const run of list.data.items) {
    expect(run.output).toBe(`Echo: Item ${run.variables.n}`);
  }
  expect(new Set(list.data.items.map((r: { id: string }) => r.id)).size).toBe(ids.length);
});
