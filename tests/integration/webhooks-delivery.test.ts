/** Webhook deliveries end to end: events through the local dispatcher to a real receiver over HTTP. */
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { insertDeliveries, insertWebhook, pruneDeliveries } from '@/db/queries/webhooks';
import { webhookDeliveries } from '@/db/schema';
import { recoverWebhookDeliveries } from '@/lib/webhooks/recover-deliveries';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { verifyWebhookSignature } from '@/lib/webhooks/sign';
import { startExperimentPipeline } from './experiments-harness';
import { call, createTestUser, type TestUser } from './helpers';

// Retries a tenth of a second apart (the real schedule, 5 s to 5 min, is unit-tested); calls are recorded.
const retryDelay = vi.hoisted(() => ({ calls: [] as number[] }));
vi.mock('@/lib/webhooks/retry-policy', () => ({
  retryDelaySeconds: (attempt: number) => {
    retryDelay.calls.push(attempt);
    return 0.1;
  },
}));

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; json: { id: string; type: string; workspaceId: string; createdAt: string; data: Record<string, unknown>; test?: boolean } };

let pipeline: Awaited<ReturnType<typeof startExperimentPipeline>>;
let routes: {
  webhooks: typeof import('@/app/api/v1/webhooks/route');
  test: typeof import('@/app/api/v1/webhooks/[id]/test/route');
  deliveries: typeof import('@/app/api/v1/webhooks/[id]/deliveries/route');
  redeliver: typeof import('@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route');
};
let receiver: http.Server;
let base: string;
let port: number;
const received: Received[] = [];
// Per path: the statuses to answer in turn (the last one repeats); 200 when not scripted.
const script = new Map<string, number[]>();
// Per path: an answer of its own (a redirect, binary data…).
const answers = new Map<string, (res: http.ServerResponse) => void>();
let user: TestUser;

beforeAll(async () => {
  receiver = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    received.push({ path, headers: req.headers, body, json: JSON.parse(body) });
    const answer = answers.get(path);
    if (answer) return answer(res);
    const statuses = script.get(path) ?? [200];
    const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? `thanks ${'x'.repeat(3_000)}` : 'receiver is down');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  pipeline = await startExperimentPipeline({
    // The receiver listens on 127.0.0.1; the SSRF tests turn this off. Provider URLs stay private-free: webhooks
    // must not follow that setting.
    ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
    ALLOW_PRIVATE_PROVIDER_URLS: 'false',
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    // Webhooks have their own attempt limit, not the runs' one.
    RUN_MAX_ATTEMPTS: '1',
    WEBHOOK_MAX_ATTEMPTS: '3',
  });
  routes = {
    webhooks: await import('@/app/api/v1/webhooks/route'),
    test: await import('@/app/api/v1/webhooks/[id]/test/route'),
    deliveries: await import('@/app/api/v1/webhooks/[id]/deliveries/route'),
    redeliver: await import('@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route'),
  };
  user = await createTestUser();
});

afterAll(async () => {
  await pipeline?.close();
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

async function createWebhook(owner: TestUser, path: string, events: string[]) {
  const res = await call(routes.webhooks.POST, { method: 'POST', headers: owner.headers, body: { url: `${base}${path}`, events } });
  expect(res.status).toBe(201);
  return res.body.data as { id: string; secret: string };
}

const deliveries = async (owner: TestUser, id: string) => (await call(routes.deliveries.GET, { params: { id }, headers: owner.headers })).body.data.items as Record<string, any>[];

async function waitFor<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const settled = (owner: TestUser, id: string, count = 1) =>
  waitFor(`${count} settled deliveries`, () => deliveries(owner, id), (items) => items.length >= count && items.every((d) => d.status !== 'pending'));

describe('webhook deliveries', () => {
  it('delivers version.created, signed, when a prompt is created and when a version is saved', async () => {
    const hook = await createWebhook(user, '/versions', ['version.created']);
    const prompt = await pipeline.createPrompt(user, { slug: 'hooked-prompt' });
    await pipeline.addVersion(user, prompt.id, { userPrompt: 'Tell me more about {{ topic }}', model: { provider: 'openai', model: 'gpt-4o-mini' } });
    const items = await settled(user, hook.id, 2);
    const got = received.filter((r) => r.path === '/versions');
    expect(got.map((r) => r.json.data.versionNumber).sort()).toEqual([1, 2]);
    for (const r of got) {
      expect(r.headers['promptlab-event']).toBe('version.created');
      expect(r.headers['content-type']).toBe('application/json');
      expect(verifyWebhookSignature({ secret: hook.secret, header: r.headers['promptlab-signature'] as string, body: r.body })).toBe(true);
      // Another secret does not verify it: the signature is real.
      expect(verifyWebhookSignature({ secret: `${hook.secret}x`, header: r.headers['promptlab-signature'] as string, body: r.body })).toBe(false);
      expect(r.json).toMatchObject({ type: 'version.created', workspaceId: user.workspace.id, data: { promptId: prompt.id, slug: 'hooked-prompt', authorId: user.user.id } });
      const delivery = items.find((d) => d.id === r.headers['promptlab-delivery'])!;
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, event: 'version.created', eventId: r.json.id });
      // The answer is kept, capped at 2 KB.
      expect(delivery.responseExcerpt).toMatch(/^thanks x+$/);
      expect(Buffer.byteLength(delivery.responseExcerpt)).toBe(2_048);
      expect(delivery.durationMs).toBeGreaterThanOrEqual(0);
      expect(delivery.deliveredAt).not.toBeNull();
    }
  });

  it('sends nothing to disabled webhooks or webhooks of other events or workspaces', async () => {
    const disabled = await createWebhook(user, '/disabled', ['version.created']);
    await call((await import('@/app/api/v1/webhooks/[id]/route')).PATCH, { method: 'PATCH', params: { id: disabled.id }, body: { enabled: false }, headers: user.headers });
    const labels = await createWebhook(user, '/labels-only', ['label.moved']);
    const stranger = await createTestUser();
    const theirs = await createWebhook(stranger, '/stranger', ['version.created']);
    await pipeline.createPrompt(user);
    // The enabled version.created webhook of the first test gets it; these do not.
    await waitFor('the delivery to /versions', () => received.filter((r) => r.path === '/versions'), (got) => got.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => ['/disabled', '/labels-only', '/stranger'].includes(r.path))).toEqual([]);
    for (const [owner, id] of [[user, disabled.id], [user, labels.id], [stranger, theirs.id]] as const) expect(await deliveries(owner, id)).toEqual([]);
  });

  it('delivers label.moved when a version is deployed to a label', async () => {
    const hook = await createWebhook(user, '/labels', ['label.moved']);
    const prompt = await pipeline.createPrompt(user, { slug: 'deployed-prompt' });
    const labelRoute = await import('@/app/api/v1/prompts/[id]/labels/[label]/route');
    const moved = await call(labelRoute.PUT, { method: 'PUT', params: { id: prompt.id, label: 'production' }, body: { versionNumber: 1, note: 'ship it' }, headers: user.headers });
    expect(moved.status).toBe(201);
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({ status: 'delivered', event: 'label.moved' });
    const got = received.filter((r) => r.path === '/labels');
    expect(got).toHaveLength(1);
    expect(got[0]!.json.data).toMatchObject({ promptId: prompt.id, slug: 'deployed-prompt', label: 'production', to: [{ versionNumber: 1, weight: 100 }], deploymentId: moved.body.data.deployment.id });
    expect(verifyWebhookSignature({ secret: hook.secret, header: got[0]!.headers['promptlab-signature'] as string, body: got[0]!.body })).toBe(true);
  });

  it('retries a failing receiver with backoff: 500, 500, then 200 is delivered after 3 attempts', async () => {
    const hook = await createWebhook(user, '/flaky', ['label.moved']);
    script.set('/flaky', [500, 500, 200]);
    const sent = await call(routes.test.POST, { method: 'POST', params: { id: hook.id }, body: { event: 'label.moved' }, headers: user.headers });
    expect(sent.status).toBe(202);
    expect(sent.body.data).toMatchObject({ status: 'pending', event: 'label.moved', attempts: 0 });
    retryDelay.calls.length = 0;
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({ id: sent.body.data.id, status: 'delivered', attempts: 3, responseStatus: 200, error: null });
    expect(retryDelay.calls).toEqual([1, 2]);
    const got = received.filter((r) => r.path === '/flaky');
    expect(got).toHaveLength(3);
    // Every attempt carries the same event and delivery ids, and a valid signature.
    expect(new Set(got.map((r) => r.json.id)).size).toBe(1);
    expect(new Set(got.map((r) => r.headers['promptlab-delivery'])).size).toBe(1);
    expect(got.every((r) => verifyWebhookSignature({ secret: hook.secret, header: r.headers['promptlab-signature'] as string, body: r.body }))).toBe(true);
    expect(got[0]!.json).toMatchObject({ type: 'label.moved', test: true, data: { label: 'production' } });
  });

  it('fails a delivery after the last attempt when the receiver always answers 500, and redelivers it on request', async () => {
    const hook = await createWebhook(user, '/down', ['version.created']);
    script.set('/down', [500]);
    const sent = await call(routes.test.POST, { method: 'POST', params: { id: hook.id }, headers: user.headers });
    expect(sent.status).toBe(202);
    expect(sent.body.data.event).toBe('ping');
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, responseStatus: 500, responseExcerpt: 'receiver is down', error: 'the receiver answered HTTP 500', deliveredAt: null });
    expect(received.filter((r) => r.path === '/down')).toHaveLength(3);

    script.set('/down', [200]);
    const again = await call(routes.redeliver.POST, { method: 'POST', params: { id: hook.id, deliveryId: delivery!.id }, headers: user.headers });
    expect(again.status).toBe(202);
    const items = await settled(user, hook.id, 2);
    expect(items[0]).toMatchObject({ id: again.body.data.id, status: 'delivered', attempts: 1, eventId: delivery!.eventId });
    expect(items[1]).toMatchObject({ id: delivery!.id, status: 'failed' });
  });

  it('emits experiment.completed once, with its totals and pass rate', async () => {
    const hook = await createWebhook(user, '/experiments', ['experiment.completed']);
    const { id: promptId } = await pipeline.createPrompt(user);
    const dataset = await pipeline.createDataset(user, [{ input: { topic: 'cats' } }, { input: { topic: 'dogs' } }]);
    const started = await pipeline.startExperiment(user, { cache: false, datasetId: dataset.id, variants: [{ promptId }], evaluators: [{ type: 'contains', config: { value: 'cats' } }] });
    expect(started.status).toBe(202);
    const experimentId = started.body.data.id as string;
    await pipeline.waitForExperiment(experimentId);
    await settled(user, hook.id);
    await new Promise((r) => setTimeout(r, 500));
    const got = received.filter((r) => r.path === '/experiments');
    expect(got).toHaveLength(1);
    expect(got[0]!.json.data).toEqual({
      id: experimentId,
      name: expect.any(String),
      status: 'completed',
      totals: { cells: 2, succeeded: 2, errored: 0, canceled: 0, costUsd: expect.any(Number) },
      passed: 1,
      failed: 1,
      passRate: 0.5,
    });
    expect(await deliveries(user, hook.id)).toHaveLength(1);
  });

  it('emits experiment.completed with status canceled when an experiment is canceled', async () => {
    const hook = await createWebhook(user, '/canceled', ['experiment.completed']);
    const { id: promptId } = await pipeline.createPrompt(user);
    const dataset = await pipeline.createDataset(user, Array.from({ length: 6 }, (_, i) => ({ input: { topic: `t${i}` } })));
    pipeline.llm.configure({ latencyMs: 2_000 });
    try {
      const started = await pipeline.startExperiment(user, { cache: false, datasetId: dataset.id, variants: [{ promptId }], concurrency: 1 });
      const experimentId = started.body.data.id as string;
      const cancel = await import('@/app/api/v1/experiments/[id]/cancel/route');
      await waitFor('a call in flight', () => pipeline.llm.requests.length, (n) => n >= 1);
      expect((await call(cancel.POST, { method: 'POST', params: { id: experimentId }, headers: user.headers })).status).toBe(200);
      await settled(user, hook.id);
      await new Promise((r) => setTimeout(r, 300));
      const got = received.filter((r) => r.path === '/canceled');
      expect(got).toHaveLength(1);
      expect(got[0]!.json.data).toMatchObject({ id: experimentId, status: 'canceled' });
    } finally {
      pipeline.llm.reset();
    }
  });
});

describe('recovery', () => {
  it('re-dispatches a pending delivery whose queue message was lost, and leaves settled ones alone', async () => {
    const hook = await createWebhook(user, '/recovered', ['version.created']);
    // A row as emit writes it, but its message never reached a queue (a restart emptied the local one).
    const [lost] = await insertDeliveries([{ webhookId: hook.id, workspaceId: user.workspace.id, eventId: '11111111-1111-4111-8111-111111111111', event: 'version.created', payload: { id: '11111111-1111-4111-8111-111111111111', type: 'version.created', data: {} } }]);
    expect(await recoverWebhookDeliveries({ quietForMs: 60_000 })).toBe(0); // not quiet long enough yet
    expect(await recoverWebhookDeliveries({ quietForMs: 0 })).toBeGreaterThanOrEqual(1);
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({ id: lost!.id, status: 'delivered', attempts: 1 });
    expect(received.filter((r) => r.path === '/recovered')).toHaveLength(1);
    // Delivered: a second sweep sends nothing more.
    await recoverWebhookDeliveries({ quietForMs: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.path === '/recovered')).toHaveLength(1);
  });
});

describe('the SSRF guard', () => {
  it('refuses a private URL at creation and at connect time, and a name that resolves to 127.0.0.1 when connecting', async () => {
    const registry = await import('@/lib/queue/job-registry');
    const original = registry.jobHandlerFor('/api/queue/webhooks')!;
    process.env.ALLOW_PRIVATE_WEBHOOK_URLS = 'false';
    // The providers' setting does not open webhooks.
    process.env.ALLOW_PRIVATE_PROVIDER_URLS = 'true';
    vi.resetModules();
    const lookup = vi.spyOn(dns, 'lookup');
    const resolve = vi.spyOn(dns.promises, 'lookup');
    try {
      const fresh = {
        webhooks: await import('@/app/api/v1/webhooks/route'),
        test: await import('@/app/api/v1/webhooks/[id]/test/route'),
        deliveries: await import('@/app/api/v1/webhooks/[id]/deliveries/route'),
      };
      // At creation: a clear 422 at `url`.
      const refused = await call(fresh.webhooks.POST, { method: 'POST', headers: user.headers, body: { url: `${base}/private`, events: ['version.created'] } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details!.fields![0]).toMatchObject({ path: 'url', message: expect.stringMatching(/private/) });

      // Stored before the setting changed: the guarded fetch refuses the connection, at once (no retry).
      const stored = await insertWebhook({ workspaceId: user.workspace.id, url: `${base}/private`, description: '', events: ['version.created'], encryptedSecret: encryptSecret('whsec_x'), enabled: true, createdBy: null });
      await call(fresh.test.POST, { method: 'POST', params: { id: stored.id }, headers: user.headers });
      const [privateDelivery] = await waitFor('the refused delivery', async () => (await call(fresh.deliveries.GET, { params: { id: stored.id }, headers: user.headers })).body.data.items, (items: any[]) => items[0]?.status === 'failed');
      expect(privateDelivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null, error: expect.stringMatching(/^the webhook URL's host 127\.0\.0\.1 points to a private.*ALLOW_PRIVATE_WEBHOOK_URLS/) });
      expect(privateDelivery.error).not.toMatch(/PROVIDER|base URL/);

      // DNS rebinding: the name resolves to a public address when the URL is checked, to 127.0.0.1 when connecting.
      resolve.mockImplementation((async () => [{ address: '93.184.216.34', family: 4 }]) as never);
      lookup.mockImplementation(((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
        const cb = typeof options === 'function' ? (options as typeof callback) : callback;
        const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
        if (all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
        else cb(null, '127.0.0.1', 4);
      }) as never);
      const created = await call(fresh.webhooks.POST, { method: 'POST', headers: user.headers, body: { url: `http://rebind.example.test:${port}/rebound`, events: ['version.created'] } });
      expect(created.status).toBe(201);
      await call(fresh.test.POST, { method: 'POST', params: { id: created.body.data.id }, headers: user.headers });
      const [rebound] = await waitFor('the rebound delivery', async () => (await call(fresh.deliveries.GET, { params: { id: created.body.data.id }, headers: user.headers })).body.data.items, (items: any[]) => items[0]?.status === 'failed');
      expect(rebound).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/webhook URL's host rebind\.example\.test points to a private/) });
      expect(lookup).toHaveBeenCalled();
      expect(received.filter((r) => r.path === '/private' || r.path === '/rebound')).toEqual([]);
    } finally {
      lookup.mockRestore();
      resolve.mockRestore();
      process.env.ALLOW_PRIVATE_WEBHOOK_URLS = 'true';
      process.env.ALLOW_PRIVATE_PROVIDER_URLS = 'false';
      registry.registerJobHandler('/api/queue/webhooks', original);
    }
  });
});

describe('answers the log must survive', () => {
  it('stores an answer holding a NUL byte (PostgreSQL refuses U+0000): delivered once, not retried forever', async () => {
    const hook = await createWebhook(user, '/nul', ['version.created']);
    answers.set('/nul', (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.from('ok\0\x01')));
    await call(routes.test.POST, { method: 'POST', params: { id: hook.id }, headers: user.headers });
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, responseExcerpt: 'ok\uFFFD\x01' });
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.path === '/nul')).toHaveLength(1);
  });

  it('describes a binary answer instead of storing its bytes', async () => {
    const hook = await createWebhook(user, '/binary', ['version.created']);
    answers.set('/binary', (res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff, 0xfe, 0, 1, 2])));
    await call(routes.test.POST, { method: 'POST', params: { id: hook.id }, headers: user.headers });
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, responseExcerpt: '(binary answer, application/octet-stream, not shown)' });
  });

  it('fails a redirect at once, without following it', async () => {
    const hook = await createWebhook(user, '/moved', ['version.created']);
    answers.set('/moved', (res) => res.writeHead(302, { location: `${base}/moved-target` }).end());
    await call(routes.test.POST, { method: 'POST', params: { id: hook.id }, headers: user.headers });
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'the receiver answered HTTP 302, a redirect, which is not followed: use the address it redirects to as the webhook URL',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.path === '/moved')).toHaveLength(1);
    expect(received.filter((r) => r.path === '/moved-target')).toEqual([]);
  });

  it('gives up on a delivery that already had its attempts (its outcome never recorded) instead of sending it again', async () => {
    const hook = await createWebhook(user, '/exhausted', ['version.created']);
    const [row] = await insertDeliveries([{ webhookId: hook.id, workspaceId: user.workspace.id, eventId: '22222222-2222-4222-8222-222222222222', event: 'version.created', payload: { id: '22222222-2222-4222-8222-222222222222', type: 'version.created', data: {} } }]);
    const db = await getDb();
    await db.update(webhookDeliveries).set({ attempts: 3, lastAttemptAt: new Date(Date.now() - 60_000) }).where(eq(webhookDeliveries.id, row!.id));
    expect(await recoverWebhookDeliveries({ quietForMs: 0 })).toBeGreaterThanOrEqual(1);
    const [delivery] = await settled(user, hook.id);
    expect(delivery).toMatchObject({ id: row!.id, status: 'failed', attempts: 3, error: 'gave up after 3 attempt(s) whose outcome could not be recorded' });
    expect(received.filter((r) => r.path === '/exhausted')).toEqual([]);
    // Failed: the sweep leaves it alone now.
    expect(await recoverWebhookDeliveries({ quietForMs: 0 })).toBe(0);
  });
});

describe('link-local addresses', () => {
  it('refuses cloud metadata (169.254.169.254, fe80::) even where private webhook URLs are allowed', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/hook']) {
      const refused = await call(routes.webhooks.POST, { method: 'POST', headers: user.headers, body: { url, events: ['version.created'] } });
      expect(refused.status, url).toBe(422);
      expect(refused.body.error.details!.fields![0]).toMatchObject({ path: 'url', message: expect.stringMatching(/link-local/) });
    }
    // Stored anyway (before this rule): refused at connect time, at once.
    const stored = await insertWebhook({ workspaceId: user.workspace.id, url: 'http://169.254.169.254/latest/meta-data/', description: '', events: ['version.created'], encryptedSecret: encryptSecret('whsec_x'), enabled: true, createdBy: null });
    await call(routes.test.POST, { method: 'POST', params: { id: stored.id }, headers: user.headers });
    const [delivery] = await settled(user, stored.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null, responseExcerpt: null, error: expect.stringMatching(/^the webhook URL's host 169\.254\.169\.254 points to a private, link-local/) });
  });
});

describe('the delivery log bound', () => {
  it('prunes old settled deliveries but never a pending one', async () => {
    const hook = await createWebhook(user, '/pruned', ['version.created']);
    const make = (n: number) => ({ webhookId: hook.id, workspaceId: user.workspace.id, eventId: `33333333-3333-4333-8333-33333333333${n}`, event: 'version.created', payload: { n } });
    const [oldPending] = await insertDeliveries([make(0)]);
    const [oldDelivered] = await insertDeliveries([make(1)]);
    const newer = await insertDeliveries([make(2), make(3)]);
    const db = await getDb();
    await db.update(webhookDeliveries).set({ status: 'delivered' }).where(eq(webhookDeliveries.webhookId, hook.id));
    await db.update(webhookDeliveries).set({ status: 'pending' }).where(eq(webhookDeliveries.id, oldPending!.id));
    await db.update(webhookDeliveries).set({ createdAt: new Date(Date.now() - 60_000) }).where(eq(webhookDeliveries.id, oldPending!.id));
    await db.update(webhookDeliveries).set({ createdAt: new Date(Date.now() - 50_000) }).where(eq(webhookDeliveries.id, oldDelivered!.id));
    expect(await pruneDeliveries({ webhookId: hook.id, keep: 2 })).toBe(1);
    const left = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.id));
    expect(left.map((r) => r.id).sort()).toEqual([oldPending!.id, ...newer.map((r) => r.id)].sort());
  });
});
