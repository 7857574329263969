import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromptLab, PromptLabError, type ExperimentProgress } from '@/packages/promptlab/src/index';
import { startAppServer, type AppServer } from './app-route-server';
import { createTestUser, type TestUser } from './helpers';

// The SDK against the real route handlers over HTTP (every app/api route, the local dispatcher, the fake provider).
let app: AppServer;
let user: TestUser;
let closed = false;
const slug = 'sdk-greet';
let promptId: string;
const clock = { t: 1_000_000 };
// Every by-slug answer the SDK saw, with its status: 304s are the point of revalidation.
const seen: { url: string; status: number; ifNoneMatch: string | null }[] = [];
let client: PromptLab;

const TTL = 1_000;

function sdk(key = user.key, options: ConstructorParameters<typeof PromptLab>[0] = {}) {
  return new PromptLab({
    baseUrl: app.url,
    apiKey: key,
    cache: { ttlMs: TTL, staleWhileRevalidateMs: 0 },
    now: () => clock.t,
    fetch: async (url, init) => {
      const res = await fetch(url, init);
      if (url.includes('/by-slug/')) seen.push({ url, status: res.status, ifNoneMatch: new Headers(init?.headers).get('if-none-match') });
      return res;
    },
    ...options,
  });
}

// getPrompt's own calls: not render, nor the labels helper resolving a slug to its id (label=latest).
const bySlugCalls = () => seen.filter((s) => !s.url.includes('/render') && !s.url.includes('label=latest'));

async function failure(promise: Promise<unknown>): Promise<PromptLabError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PromptLabError);
  return error as PromptLabError;
}

beforeAll(async () => {
  app = await startAppServer();
  user = await createTestUser();
  client = sdk();
  const body = { title: 'SDK greet', slug, systemPrompt: 'You are brief.', userPrompt: 'v1: greet {{ name }}', variables: [{ name: 'name' }], model: { provider: 'openai', model: 'gpt-4o-mini' } };
  const created = await client.request<{ id: string }>('POST', 'api/v1/prompts', { body });
  promptId = created.id;
  await client.request('POST', `api/v1/prompts/${promptId}/versions`, { body: { ...body, title: undefined, slug: undefined, userPrompt: 'v2: hello {{ name }}' } });
});

afterAll(async () => {
  if (!closed) await app?.close();
});

describe('the SDK against the running app', () => {
  it('deploys a label and fetches the prompt through it, then serves it from the cache', async () => {
    const moved = await client.labels.set(slug, 'production', { versionNumber: 1, note: 'first deploy' });
    expect(moved.label.targets).toEqual([{ versionNumber: 1, weight: 100 }]);
    const prompt = await client.getPrompt(slug);
    expect([prompt.source, prompt.versionNumber, prompt.label, prompt.userPrompt]).toEqual(['network', 1, 'production', 'v1: greet {{ name }}']);
    clock.t += TTL - 1;
    expect((await client.getPrompt(slug)).source).toBe('cache');
    expect(bySlugCalls()).toHaveLength(1);
  });

  it('revalidates after the TTL with If-None-Match and keeps its copy on a 304', async () => {
    clock.t += TTL;
    const again = await client.getPrompt(slug);
    expect(again.versionNumber).toBe(1);
    const last = bySlugCalls().at(-1)!;
    expect(last.ifNoneMatch).toBeTruthy();
    expect(last.status).toBe(304);
    expect(bySlugCalls()).toHaveLength(2);
  });

  it('sees a label move after the TTL', async () => {
    await client.labels.set(slug, 'production', { versionNumber: 2 });
    expect((await client.getPrompt(slug)).versionNumber).toBe(1); // within the TTL: the cached copy
    clock.t += TTL;
    const moved = await client.getPrompt(slug);
    expect([moved.versionNumber, moved.source]).toEqual([2, 'network']);
    expect(bySlugCalls().at(-1)?.status).toBe(200);
    expect((await client.getPrompt(slug, { version: 1 })).userPrompt).toBe('v1: greet {{ name }}');
  });

  it('renders on the server the same as the prompt compiles locally, and names bad variables', async () => {
    const served = await client.render(slug, { variables: { name: 'Ada' } });
    expect(served.versionNumber).toBe(2);
    expect(served.openai.messages).toEqual([
      { role: 'system', content: 'You are brief.' },
      { role: 'user', content: 'v2: hello Ada' },
    ]);
    const local = (await client.getPrompt(slug)).compile({ name: 'Ada' });
    expect({ openai: local.openai, anthropic: local.anthropic }).toEqual({ openai: served.openai, anthropic: served.anthropic });

    const error = await failure(client.render(slug, { variables: {} }));
    expect([error.code, error.status]).toEqual(['INVALID_INPUT', 422]);
    expect(error.fields.map((f) => f.path)).toEqual(['variables.name']);
    const localError = await failure(client.getPrompt(slug).then((p) => p.compile({})));
    expect(localError.fields.map((f) => f.path)).toEqual(['variables.name']);
  });

  it('compiles a chat template locally exactly as the server renders it (both shapes, empty turns dropped)', async () => {
    const messages = [
      { role: 'system', content: 'Rules for {{ name }}.' },
      { role: 'system', content: '{{ extra }}' },
      { role: 'user', content: 'Hi, I am {{ name }}' },
      { role: 'assistant', content: 'Hello {{ name }}!' },
      { role: 'user', content: 'Count to {{ n }}' },
    ];
    const variables = [{ name: 'name' }, { name: 'extra', required: false }, { name: 'n', type: 'number' }];
    await client.request('POST', 'api/v1/prompts', { body: { title: 'SDK chat', slug: 'sdk-chat', messages, variables } });
    const values = { name: 'Ada', n: '3' };
    const served = await client.render('sdk-chat', { variables: values });
    const local = (await client.getPrompt('sdk-chat')).compile(values);
    expect(local).toEqual(served);
    expect(served.anthropic.system).toBe('Rules for Ada.');
    // No system turn: no `system` in the Anthropic shape, on either side.
    await client.request('POST', 'api/v1/prompts', { body: { title: 'SDK bare', slug: 'sdk-bare', userPrompt: 'Just {{ name }}', variables: [{ name: 'name' }] } });
    const bare = await client.render('sdk-bare', { variables: { name: 'Ada' } });
    expect(bare.anthropic).toEqual({ messages: [{ role: 'user', content: 'Just Ada' }] });
    expect((await client.getPrompt('sdk-bare')).compile({ name: 'Ada' })).toEqual(bare);
  });

  it('runs through a label and waits for the finished run', async () => {
    const run = await client.run({ slug, label: 'production', variables: { name: 'Grace' }, wait: 20 });
    expect(run.status).toBe('succeeded');
    expect(String(run.output)).toContain('v2: hello Grace');
    expect([run.label, run.versionNumber]).toEqual(['production', 2]);
    const fetched = await client.runs.get(run.id);
    expect(fetched.id).toBe(run.id);
    const pinned = await client.run({ slug, version: 1, variables: { name: 'Alan' }, wait: 20 });
    expect([pinned.status, pinned.versionNumber, String(pinned.output)]).toEqual(['succeeded', 1, expect.stringContaining('v1: greet Alan')]);
    // Without wait: the queued run at once.
    const queued = await client.run({ promptId, variables: { name: 'Edsger' } });
    expect(Object.keys(queued).sort()).toEqual(['id', 'status']);
  });

  it('creates a dataset, adds items and reads it back', async () => {
    const dataset = await client.datasets.create({ name: 'SDK names', items: [{ input: { name: 'Ada' }, expected: 'Ada' }] });
    const added = await client.datasets.addItems(dataset.id, [{ input: { name: 'Linus' }, expected: 'Linus' }]);
    expect(added.count).toBe(1);
    expect((await client.datasets.get(dataset.id)).name).toBe('SDK names');
    expect((await client.datasets.items(dataset.id)).items).toHaveLength(2);
    expect((await client.datasets.list({ q: 'SDK' })).items.map((d) => d.id)).toContain(dataset.id);

    const created = await client.experiments.create({ datasetId: dataset.id, variants: [{ promptId }], evaluators: [{ type: 'contains' }] });
    expect(created.totalCells).toBe(2);
    const progress: ExperimentProgress[] = [];
    const done = await client.experiments.wait(created.id, { intervalMs: 50, timeoutMs: 20_000, onProgress: (p) => progress.push(p) });
    expect(done.status).toBe('completed');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toMatchObject({ total: 2, succeeded: 2, pending: 0 });
  });

  it('lists labels, rolls back and shows the deployment history', async () => {
    const labels = await client.labels.list(slug);
    expect(labels.map((l) => l.name).sort()).toEqual(['latest', 'production']);
    const rolled = await client.labels.rollback(slug, 'production', { note: 'bad deploy' });
    expect(rolled.label?.targets).toEqual([{ versionNumber: 1, weight: 100 }]);
    const history = await client.labels.deployments(promptId, { label: 'production' });
    expect(history.items.length).toBeGreaterThanOrEqual(3);
    expect(history.items[0]?.rollbackOf).toBeTruthy();
  });

  it('throws typed errors with the API code, status and fields', async () => {
    const missing = await failure(client.getPrompt('no-such-prompt'));
    expect([missing.code, missing.status]).toEqual(['NOT_FOUND', 404]);
    const badVersion = await failure(client.labels.set(promptId, 'staging', { versionNumber: 99 }));
    expect([badVersion.code, badVersion.status]).toEqual(['INVALID_INPUT', 422]);
    expect(badVersion.fields.map((f) => f.path)).toContain('versionNumber');
    const unauthorized = await failure(sdk('pl_not_a_key').getPrompt(slug));
    expect([unauthorized.code, unauthorized.status]).toEqual(['UNAUTHORIZED', 401]);
  });

  it("cannot see another workspace's prompt", async () => {
    const other = await createTestUser();
    const error = await failure(sdk(other.key).getPrompt(slug, { fallback: 'never used for a 404' }));
    expect([error.code, error.status]).toEqual(['NOT_FOUND', 404]);
  });

  it('survives the server going away: the cached copy (however old), else the fallback', async () => {
    const warm = sdk();
    expect((await warm.getPrompt(slug)).versionNumber).toBe(1);
    await app.close();
    closed = true;
    clock.t += 24 * 3600_000;
    const offline = await warm.getPrompt(slug);
    expect([offline.source, offline.versionNumber]).toEqual(['stale', 1]);
    expect(offline.compile({ name: 'Ada' }).openai.messages.at(-1)?.content).toBe('v1: greet Ada');

    const cold = sdk();
    const fallback = await cold.getPrompt(slug, { fallback: { userPrompt: 'Hello {{ name }}', variables: [{ name: 'name' }] } });
    expect(fallback.source).toBe('fallback');
    expect(fallback.compile({ name: 'Ada' }).openai.messages).toEqual([{ role: 'user', content: 'Hello Ada' }]);
    const error = await failure(cold.getPrompt(slug));
    expect(error.code).toBe('NETWORK_ERROR');
  });
});
