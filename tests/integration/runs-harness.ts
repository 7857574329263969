import { expect } from 'vitest';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { call, type TestUser } from './helpers';
import { startRouteServer } from './route-server';

/** The settings a pipeline in one process runs on: its own address for the callbacks, the fake provider's for models. */
export const pipelineSettings = (appUrl: string, llm: FakeLlm) => ({
  APP_URL: appUrl,
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: llm.openaiBaseURL,
  ANTHROPIC_API_KEY: 'sk-ant-test',
  ANTHROPIC_BASE_URL: llm.anthropicBaseURL,
  LLM_TIMEOUT_MS: '2000',
  RUN_MAX_ATTEMPTS: '3',
});

/**
 * The whole run pipeline in one process: the fake provider at the network edge, route handlers served
 * over real HTTP so the local dispatcher's signed callbacks travel the same path as under `next start`.
 * Settings are applied before any product module reads them.
 */
export async function startRunPipeline(settings: Record<string, string> = {}) {
  const llm = await startFakeLlmServer();
  const handlers: { callback?: typeof import('@/app/api/queue/runs/route'); stream?: typeof import('@/app/api/v1/runs/[id]/stream/route') } = {};
  const server = await startRouteServer([
    { method: 'POST', pattern: /^\/api\/queue\/runs$/, handler: (req) => handlers.callback!.POST(req) },
    { method: 'GET', pattern: /^\/api\/v1\/runs\/(?<id>[^/]+)\/stream$/, handler: (req, ctx) => handlers.stream!.GET(req, ctx as never) },
  ]);
  Object.assign(process.env, pipelineSettings(server.url, llm), settings);
  handlers.callback = await import('@/app/api/queue/runs/route');
  handlers.stream = await import('@/app/api/v1/runs/[id]/stream/route');
  const runs = await import('@/app/api/v1/runs/route');
  const run = await import('@/app/api/v1/runs/[id]/route');
  const cancel = await import('@/app/api/v1/runs/[id]/cancel/route');
  const prompts = await import('@/app/api/v1/prompts/route');

  async function createPrompt(user: TestUser, body: Record<string, unknown> = {}) {
    const res = await call(prompts.POST, {
      method: 'POST',
      headers: user.headers,
      body: { title: 'Pipeline', userPrompt: 'Tell me about {{ topic }}', model: { provider: 'openai', model: 'gpt-4o-mini' }, ...body },
    });
    expect(res.status).toBe(201);
    return res.body.data as { id: string };
  }

  const startRun = (user: TestUser, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call(runs.POST, { method: 'POST', headers: { ...user.headers, ...headers }, body });

  const getRun = (user: TestUser, id: string) => call(run.GET, { params: { id }, headers: user.headers });

  async function waitForRun(user: TestUser, id: string, until = (s: string) => ['succeeded', 'failed', 'canceled'].includes(s), timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await getRun(user, id);
      if (until(res.body.data.status)) return res.body.data;
      if (Date.now() > deadline) throw new Error(`run ${id} still ${res.body.data.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    llm: llm as FakeLlm,
    server,
    routes: { runs, run, cancel, callback: handlers.callback, stream: handlers.stream },
    createPrompt,
    startRun,
    getRun,
    waitForRun,
    close: async () => {
      await server.close();
      await llm.close();
    },
  };
}
