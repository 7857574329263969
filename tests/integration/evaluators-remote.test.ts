/** The remote evaluators against real endpoints: the judge through the providers, the webhook over HTTP. */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeLlmServer, type FakeLlm } from '../fixtures/fake-llm-server';
import { evalContext } from '../unit/evaluator-context';
import { createTestUser, type TestUser } from './helpers';

type ScoreCellModule = typeof import('@/lib/evaluators/score-cell');
type RegistryModule = typeof import('@/lib/evaluators/registry');

let llm: FakeLlm;
let alice: TestUser;
let evaluators: ScoreCellModule;
let registry: RegistryModule;

type Hook = { status?: number; body?: string; delayMs?: number };
let hook: Hook = {};
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let webhookServer: http.Server;
let webhookUrl: string;

beforeAll(async () => {
  llm = await startFakeLlmServer();
  Object.assign(process.env, {
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: llm.openaiBaseURL,
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: llm.anthropicBaseURL,
    LLM_TIMEOUT_MS: '2000',
    // The webhook receiver listens on 127.0.0.1.
    ALLOW_PRIVATE_PROVIDER_URLS: 'true',
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
  webhookServer = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (hook.delayMs) await new Promise((r) => setTimeout(r, hook.delayMs));
    if (res.destroyed) return;
    res.writeHead(hook.status ?? 200, { 'content-type': 'application/json' }).end(hook.body ?? JSON.stringify({ pass: true, score: 0.7, reason: 'checked' }));
  });
  await new Promise<void>((resolve) => webhookServer.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/grade`;
  evaluators = await import('@/lib/evaluators/score-cell');
  registry = await import('@/lib/evaluators/registry');
  alice = await createTestUser();
});

afterAll(async () => {
  await llm?.close();
  webhookServer?.closeAllConnections();
  await new Promise((resolve) => webhookServer?.close(resolve));
});

beforeEach(() => {
  llm.reset();
  hook = {};
  received.length = 0;
});

async function score(type: string, config: Record<string, unknown>, output = 'Paris is the capital of France.') {
  const specs = evaluators.sealEvaluatorSecrets(await registry.parseEvaluatorSpecs([{ type, config }]));
  return evaluators.scoreCell({ specs, ctx: evalContext({ output, workspaceId: alice.workspace.id }) });
}

describe('llm-judge', () => {
  it('grades on the built-in local model by default, with valid JSON and no cost', async () => {
    const scored = await score('llm-judge', { rubric: 'The answer names {{expected}}.' });
    expect(scored.results[0]!.status).not.toBe('error');
    expect(scored.results[0]!.score).toBeGreaterThanOrEqual(0);
    expect(scored.results[0]!.score).toBeLessThanOrEqual(1);
    expect(scored.costUsd).toBe(0);
    expect(scored.results[0]!.reason).toMatch(/test stand-in/);
    expect(llm.requests).toHaveLength(0);
  });

  it('grades on the fake OpenAI model with a response schema, the rubric interpolated, its cost counted', async () => {
    llm.configure({ reply: JSON.stringify({ score: 0.8, reason: 'names the city' }) });
    const scored = await score('llm-judge', { rubric: 'The answer names {{expected}}.', provider: 'openai', model: 'gpt-4o-mini', passThreshold: 0.75 });
    expect(scored.results[0]).toMatchObject({ status: 'pass', score: 0.8, reason: expect.stringContaining('names the city') });
    expect(scored.costUsd).toBeGreaterThan(0);
    expect(scored.results[0]!.costUsd).toBe(scored.costUsd);
    const [request] = llm.requests;
    expect(request!.body!.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'grade' } });
    expect(JSON.stringify(request!.body!.messages)).toContain('The answer names Paris.');
    expect(JSON.stringify(request!.body!.messages)).toContain('Paris is the capital of France.');
  });

  it('grades on the fake Anthropic model too (the grade schema as a forced tool)', async () => {
    llm.configure({ reply: JSON.stringify({ score: 0.4, reason: 'vague' }) });
    const scored = await score('llm-judge', { rubric: 'Precise.', provider: 'anthropic', model: 'claude-3-5-haiku-latest' });
    expect(scored.results[0]).toMatchObject({ status: 'fail', score: 0.4, reason: expect.stringContaining('vague') });
    expect(scored.costUsd).toBeGreaterThan(0);
    expect(llm.requests[0]!.protocol).toBe('anthropic');
  });

  it('a judge failing with 500s is an error after 3 attempts, never a fail', async () => {
    llm.enqueue({ kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const scored = await score('llm-judge', { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' });
    expect(scored.results[0]).toMatchObject({ status: 'error', pass: null, score: null });
    expect(scored.results[0]!.reason).toMatch(/after 3 attempts/);
    expect(scored.result).toBe('error');
    expect(llm.requests).toHaveLength(3);
  });

  it('retries a failing judge and counts the cost of the answer it got', async () => {
    llm.enqueue({ kind: 'status', status: 503 }, { kind: 'status', status: 429, retryAfterSeconds: 0 });
    llm.configure({ reply: JSON.stringify({ score: 0.2, reason: 'off topic' }) });
    const scored = await score('llm-judge', { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' });
    expect(scored.results[0]).toMatchObject({ status: 'fail', score: 0.2 });
    expect(scored.costUsd).toBeGreaterThan(0);
    expect(llm.requests).toHaveLength(3);
  });

  it('an unreadable judge reply is an error that still counts what it cost', async () => {
    llm.configure({ reply: 'I think it is pretty good, maybe 8/10.' });
    const scored = await score('llm-judge', { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' });
    expect(scored.results[0]).toMatchObject({ status: 'error', reason: expect.stringMatching(/did not answer a score/) });
    expect(scored.costUsd).toBeGreaterThan(0);
  });

  it('an unconfigured judge provider is an error at once, with no retry', async () => {
    const scored = await score('llm-judge', { rubric: 'Good answer.', provider: 'groq', model: 'llama' });
    expect(scored.results[0]!.status).toBe('error');
    expect(scored.results[0]!.reason).toMatch(/groq/);
  });

  it('keeps to the workspace allowlist', async () => {
    const { updateWorkspacePolicy } = await import('@/db/queries/workspaces');
    const bob = await createTestUser();
    await updateWorkspacePolicy({ workspaceId: bob.workspace.id, policy: { modelAllowlist: ['openai/gpt-4o'] } });
    const specs = await registry.parseEvaluatorSpecs([{ type: 'llm-judge', config: { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o-mini' } }]);
    const scored = await evaluators.scoreCell({ specs, ctx: evalContext({ workspaceId: bob.workspace.id }) });
    expect(scored.results[0]).toMatchObject({ status: 'error', reason: expect.stringMatching(/allowlist/) });
    expect(llm.requests).toHaveLength(0);
    llm.configure({ reply: JSON.stringify({ score: 1, reason: 'fine' }) });
    const allowed = await registry.parseEvaluatorSpecs([{ type: 'llm-judge', config: { rubric: 'Good answer.', provider: 'openai', model: 'gpt-4o' } }]);
    expect((await evaluators.scoreCell({ specs: allowed, ctx: evalContext({ workspaceId: bob.workspace.id }) })).results[0]!.status).toBe('pass');
  });

  it('refuses a judge on another provider without a model at creation', async () => {
    const error = (await registry.parseEvaluatorSpecs([{ type: 'llm-judge', config: { rubric: 'x', provider: 'openai' } }]).catch((e: unknown) => e)) as { details: { fields: { path: string }[] } };
    expect(error.details.fields[0]!.path).toBe('evaluators.0.config.model');
  });
});

describe('webhook', () => {
  it('POSTs the cell signed with the secret (sealed at rest) and reads { pass, score, reason }', async () => {
    const scored = await score('webhook', { url: webhookUrl, secret: 'hook-secret', headers: { 'X-Team': 'evals' } });
    expect(scored.results[0]).toMatchObject({ status: 'pass', score: 0.7, reason: 'checked' });
    const [request] = received;
    const expected = createHmac('sha256', 'hook-secret').update(request!.body).digest('hex');
    expect(request!.headers['x-promptlab-signature']).toBe(`sha256=${expected}`);
    expect(Number(request!.headers['x-promptlab-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(request!.headers['x-team']).toBe('evals');
    expect(JSON.parse(request!.body)).toMatchObject({ output: 'Paris is the capital of France.', expected: 'Paris', experimentId: 'exp-1', cellId: 'cell-1', item: { id: 'item-1' } });
  });

  it('seals, redacts and restores the secret', async () => {
    const [sealed] = evaluators.sealEvaluatorSecrets(await registry.parseEvaluatorSpecs([{ type: 'webhook', config: { url: webhookUrl, secret: 'hook-secret' } }]));
    expect(sealed!.config.secret).toBeUndefined();
    expect(String(sealed!.config.secretEncrypted)).not.toContain('hook-secret');
    const [shown] = evaluators.redactEvaluatorSecrets([sealed!]);
    expect(shown!.config).toEqual({ url: webhookUrl, timeoutMs: 10_000, secret: '••••' });
    const refused = (await registry.parseEvaluatorSpecs([shown!]).catch((e: unknown) => e)) as { details: { fields: { path: string }[] } };
    expect(refused.details.fields[0]!.path).toBe('evaluators.0.config.secret');
    const { name: _name, ...unnamed } = shown!;
    expect(evaluators.restoreEvaluatorSecrets([unnamed], [sealed!])[0]!.config.secretEncrypted).toBe(sealed!.config.secretEncrypted);
    expect(evaluators.restoreEvaluatorSecrets([{ ...shown!, name: 'other' }], [sealed!])[0]!.config.secret).toBe('••••');
    expect(evaluators.restoreEvaluatorSecrets([{ ...shown!, config: { ...shown!.config, url: 'https://example.com/else' } }], [sealed!])[0]!.config.secret).toBe('••••');
    const restored = evaluators.restoreEvaluatorSecrets([shown!], [sealed!]);
    const scored = await evaluators.scoreCell({ specs: await registry.parseEvaluatorSpecs(restored), ctx: evalContext({ workspaceId: alice.workspace.id }) });
    expect(scored.results[0]!.status).toBe('pass');
    expect(received.at(-1)!.headers['x-promptlab-signature']).toBe(`sha256=${createHmac('sha256', 'hook-secret').update(received.at(-1)!.body).digest('hex')}`);
  });

  it.each([
    ['a non-2xx status', { status: 500 }, /HTTP 500/],
    ['text that is not JSON', { body: 'ok!' }, /not JSON/],
    ['JSON of the wrong shape', { body: JSON.stringify({ pass: 'yes' }) }, /must answer/],
    ['a score out of range', { body: JSON.stringify({ pass: true, score: 3 }) }, /must answer/],
    ['an answer over 64 KB', { body: JSON.stringify({ pass: true, reason: 'x'.repeat(70_000) }) }, /64 KB/],
  ])('answering %s is an error, not a fail', async (_name, answer, reason) => {
    hook = answer;
    const scored = await score('webhook', { url: webhookUrl });
    expect(scored.results[0]).toMatchObject({ status: 'error', pass: null });
    expect(scored.results[0]!.reason).toMatch(reason);
  });

  it('a webhook slower than its timeout is an error', async () => {
    hook = { delayMs: 1_000 };
    const started = Date.now();
    const scored = await score('webhook', { url: webhookUrl, timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(900);
    expect(scored.results[0]).toMatchObject({ status: 'error', reason: expect.stringMatching(/within 200 ms/) });
  });

  it('refuses headers that carry credentials or that PromptLab sets', async () => {
    for (const headers of [{ Authorization: 'Bearer x' }, { 'X-Api-Key': 'k' }, { 'X-PromptLab-Signature': 'sha256=0' }, { 'Bad Header': 'x' }]) {
      const error = (await registry.parseEvaluatorSpecs([{ type: 'webhook', config: { url: webhookUrl, headers } }]).catch((e: unknown) => e)) as { details: { fields: { path: string }[] } };
      expect(error.details.fields[0]!.path, JSON.stringify(headers)).toMatch(/^evaluators\.0\.config\.headers/);
    }
  });

  it('refuses URLs that are not http(s) or carry credentials at creation', async () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'http://user:pw@example.com/', 'not a url']) {
      const error = (await registry.parseEvaluatorSpecs([{ type: 'webhook', config: { url } }]).catch((e: unknown) => e)) as { details: { fields: { path: string }[] } };
      expect(error.details.fields[0]!.path, url).toBe('evaluators.0.config.url');
    }
  });

  it('refuses a private address when private URLs are not allowed, at creation and at connect time', async () => {
    process.env.ALLOW_PRIVATE_PROVIDER_URLS = 'false';
    vi.resetModules();
    try {
      const fresh = await import('@/lib/evaluators/score-cell');
      const freshRegistry = await import('@/lib/evaluators/registry');
      const refused = (await freshRegistry.parseEvaluatorSpecs([{ type: 'webhook', config: { url: webhookUrl } }]).catch((e: unknown) => e)) as { details: { fields: { path: string; message: string }[] } };
      expect(refused.details.fields[0]).toMatchObject({ path: 'evaluators.0.config.url', message: expect.stringMatching(/private/) });
      // A spec stored before the setting changed: the guarded fetch refuses the connection.
      const stored = [{ type: 'webhook', name: 'webhook', config: { url: webhookUrl, timeoutMs: 1_000 } }];
      const scored = await fresh.scoreCell({ specs: stored, ctx: evalContext({ workspaceId: alice.workspace.id }) });
      expect(scored.results[0]).toMatchObject({ status: 'error', reason: expect.stringMatching(/private/) });
      expect(received).toHaveLength(0);
    } finally {
      process.env.ALLOW_PRIVATE_PROVIDER_URLS = 'true';
    }
  });
});
