import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as exportRoute from '@/app/api/v1/export/route';
import * as experimentsRoute from '@/app/api/v1/experiments/route';
import * as cancelRoute from '@/app/api/v1/experiments/[id]/cancel/route';
import * as importRoute from '@/app/api/v1/import/route';
import * as promptExportRoute from '@/app/api/v1/prompts/[id]/export/route';
import * as labelRoute from '@/app/api/v1/prompts/[id]/labels/[label]/route';
import * as labelsRoute from '@/app/api/v1/prompts/[id]/labels/route';
import * as deploymentsRoute from '@/app/api/v1/prompts/[id]/deployments/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as restoreRoute from '@/app/api/v1/prompts/[id]/restore/route';
import * as renderRoute from '@/app/api/v1/prompts/by-slug/[slug]/render/route';
import * as datasetsRoute from '@/app/api/v1/datasets/route';
import { getDb } from '@/db/client';
import { createApiKeyRecord } from '@/db/queries/api-keys';
import { createUser } from '@/db/queries/users';
import { datasets, prompts, workspaceMembers } from '@/db/schema';
import { generateApiKey } from '@/lib/auth/api-key-token';
import { BASE, call, createTestUser, type TestUser } from './helpers';
import { expectMatchesDocument } from './openapi-responses';
import { startRunPipeline } from './runs-harness';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/interop', name), 'utf8');

let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let alice: TestUser;
let bob: TestUser;
let viewer: TestUser;

async function memberOf(owner: TestUser, role: 'viewer' | 'editor'): Promise<TestUser> {
  const user = await createUser({ email: `member-${Date.now()}-${Math.random()}@example.test`, name: 'Member' });
  const db = await getDb();
  await db.insert(workspaceMembers).values({ workspaceId: owner.workspace.id, userId: user.id, role });
  const { key, prefix, hashedKey } = generateApiKey();
  const apiKey = await createApiKeyRecord({ workspaceId: owner.workspace.id, userId: user.id, name: 'member', prefix, hashedKey });
  return { user, workspace: owner.workspace, key, apiKey, headers: { authorization: `Bearer ${key}` } };
}

beforeAll(async () => {
  pipeline = await startRunPipeline();
  [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
  viewer = await memberOf(alice, 'viewer');
});
afterAll(async () => {
  await pipeline?.close();
});

/** POSTs a file to the import route as the raw body. */
async function importFile(user: TestUser, format: string, text: string, query = '') {
  const req = new Request(`${BASE}/api/v1/import?format=${format}${query}`, { method: 'POST', headers: { ...user.headers, 'content-type': 'text/plain' }, body: text });
  const res = await importRoute.POST(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

const render = (user: TestUser, slug: string, body: unknown) => call(renderRoute.POST, { method: 'POST', params: { slug }, body, headers: user.headers });
const exportWorkspace = (user: TestUser) => call(exportRoute.GET, { path: '/api/v1/export', headers: user.headers });

/** A bundle without what must change between workspaces: timestamps, and who acted (users differ). */
function comparable(bundle: { prompts: Record<string, unknown>[]; datasets: unknown[] }) {
  return {
    prompts: bundle.prompts.map((p) => ({
      ...p,
      versions: (p.versions as Record<string, unknown>[]).map(({ author: _a, ...v }) => v),
      deployments: (p.deployments as Record<string, unknown>[]).map(({ actor: _a, ...d }) => d),
    })),
    datasets: bundle.datasets,
  };
}

describe('bundle round trip', () => {
  it('exports a workspace and imports it into another one with everything but ids and timestamps equal, twice without duplicates', async () => {
    const created = await call(promptsRoute.POST, { method: 'POST', body: { title: 'Greeter', slug: 'greeter', userPrompt: 'Hello {{name}}', tags: ['demo'] }, headers: alice.headers });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await call(versionsRoute.POST, { method: 'POST', params: { id }, body: { messages: [{ role: 'system', content: 'Be kind' }, { role: 'user', content: 'Hi {{name}}!' }], notes: 'chat' }, headers: alice.headers })).status).toBe(201);
    expect((await call(restoreRoute.POST, { method: 'POST', params: { id }, body: { versionNumber: 1 }, headers: alice.headers })).status).toBeLessThan(300);
    const put = (label: string, body: unknown) => call(labelRoute.PUT, { method: 'PUT', params: { id, label }, body, headers: alice.headers });
    expect((await put('production', { versionNumber: 1, note: 'first' })).status).toBeLessThan(300);
    expect((await put('production', { versionNumber: 2 })).status).toBe(200);
    expect((await put('canary', { split: [{ versionNumber: 1, weight: 90 }, { versionNumber: 2, weight: 10 }], protected: true })).status).toBeLessThan(300);
    expect((await call(datasetsRoute.POST, { method: 'POST', body: { name: 'People', items: [{ input: { name: 'Ada' }, expected: 'Hello Ada', metadata: { tag: 'x' } }, { input: { name: 'Alan' } }] }, headers: alice.headers })).status).toBe(201);

    const exported = await exportWorkspace(alice);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="promptlab-export-/);
    const file = JSON.stringify(exported.body);

    const dry = await importFile(bob, 'promptlab', file, '&dryRun=true');
    expect(dry.status).toBe(200);
    const history = exported.body.data.prompts[0].deployments.length;
    expect(history).toBeGreaterThanOrEqual(3);
    expect(dry.body.data).toMatchObject({ dryRun: true, created: { prompts: 1, versions: 3, labels: 2, deployments: history, datasets: 1, items: 2 }, experiment: null });
    expect((await exportWorkspace(bob)).body.data.prompts).toEqual([]);

    const first = await importFile(bob, 'promptlab', file);
    expect(first.status).toBe(201);
    expectMatchesDocument('get', '/api/v1/export', exported.status, exported.body);
    expectMatchesDocument('post', '/api/v1/import', dry.status, dry.body);
    expectMatchesDocument('post', '/api/v1/import', first.status, first.body);
    expect(first.body.data.created).toEqual(dry.body.data.created);
    expect(comparable((await exportWorkspace(bob)).body.data)).toEqual(comparable(exported.body.data));

    const second = await importFile(bob, 'promptlab', file);
    expect(second.body.data.created).toEqual({ prompts: 0, versions: 0, labels: 0, deployments: 0, datasets: 0, items: 0 });
    expect(second.body.data.existing).toEqual({ prompts: 1, versions: 3, datasets: 1 });
    expect(exported.body.data.prompts[0].versions[2].restoredFrom).toBe(1);
    const db = await getDb();
    expect(await db.select().from(prompts).where(eq(prompts.workspaceId, bob.workspace.id))).toHaveLength(1);
    expect(await db.select().from(datasets).where(eq(datasets.workspaceId, bob.workspace.id))).toHaveLength(1);
  });

  it('exports one prompt as JSON (with capped runs) and Markdown; another workspace gets 404', async () => {
    const created = await call(promptsRoute.POST, { method: 'POST', body: { title: 'Solo', userPrompt: 'Say {{word}}' }, headers: alice.headers });
    const id = created.body.data.id as string;
    const json = await call(promptExportRoute.GET, { path: `/api/v1/prompts/${id}/export?runs=true`, params: { id }, headers: alice.headers });
    expect(json.status).toBe(200);
    expect(json.body.data.prompts[0]).toMatchObject({ slug: 'solo', runs: { cap: 1000, truncated: false, items: [] } });
    expectMatchesDocument('get', '/api/v1/prompts/{id}/export', json.status, json.body);
    const md = await promptExportRoute.GET(new Request(`${BASE}/api/v1/prompts/${id}/export?format=markdown`, { headers: alice.headers }), { params: Promise.resolve({ id }) });
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(await md.text()).toMatch(/^# Solo\n[\s\S]*### Version 1[\s\S]*Say \{\{word\}\}/);
    expect((await call(promptExportRoute.GET, { path: `/api/v1/prompts/${id}/export`, params: { id }, headers: bob.headers })).status).toBe(404);
    expect((await call(promptExportRoute.GET, { path: '/api/v1/prompts/nope/export', params: { id: 'nope' }, headers: alice.headers })).status).toBe(404);
    expect((await call(promptExportRoute.GET, { path: `/api/v1/prompts/${id}/export?format=pdf`, params: { id }, headers: alice.headers })).status).toBe(422);
  });
});

describe('imports from other tools', () => {
  it('turns Langfuse prompts into prompts with versions and labels that render with their variables', async () => {
    const user = await createTestUser();
    const res = await importFile(user, 'langfuse', fixture('langfuse/prompts.json'));
    expect(res.status).toBe(201);
    expect(res.body.data.created).toMatchObject({ prompts: 2, versions: 3, labels: 3 });
    expect(res.body.data.skipped.map((s: { what: string }) => s.what)).toContain('prompt `summarizer`');
    const critic = res.body.data.prompts.find((p: { slug: string }) => p.slug === 'movie-critic');
    const labels = await call(labelsRoute.GET, { params: { id: critic.id }, headers: user.headers });
    expect(labels.body.data.find((l: { name: string }) => l.name === 'production').targets).toEqual([{ versionNumber: 2, weight: 100 }]);
    const rendered = await render(user, 'movie-critic', { label: 'production', variables: { criticLevel: 'expert', movie: 'Dune' } });
    expect(rendered.status).toBe(200);
    expect(rendered.body.data.openai.messages.at(-1).content).toBe('As a expert movie critic, give Dune a score from 1 to 10 and one sentence of reasoning.');
    const missing = await render(user, 'movie-critic', { variables: { criticLevel: 'expert' } });
    expect(missing.status).toBe(422);
    const again = await importFile(user, 'langfuse', fixture('langfuse/prompts.json'));
    expect(again.body.data.created).toMatchObject({ prompts: 0, versions: 0, labels: 0 });
  });

  it('appends to an existing prompt of the same slug without overwriting, and records its label move', async () => {
    const user = await createTestUser();
    const created = await call(promptsRoute.POST, { method: 'POST', body: { title: 'Critic', slug: 'movie-critic', userPrompt: 'Old {{movie}}' }, headers: user.headers });
    const id = created.body.data.id as string;
    const res = await importFile(user, 'langfuse', fixture('langfuse/prompts.json'));
    expect(res.body.data.existing.prompts).toBe(1);
    expect(res.body.data.prompts.find((p: { slug: string }) => p.slug === 'movie-critic')).toEqual({ id, slug: 'movie-critic', versionNumbers: [2, 3] });
    const labels = await call(labelsRoute.GET, { params: { id }, headers: user.headers });
    expect(labels.body.data.find((l: { name: string }) => l.name === 'production').targets).toEqual([{ versionNumber: 3, weight: 100 }]);
    const history = await call(deploymentsRoute.GET, { path: `/api/v1/prompts/${id}/deployments`, params: { id }, headers: user.headers });
    expect(history.body.data.items).toMatchObject([{ label: 'production', action: 'move', from: null, to: [{ versionNumber: 3, weight: 100 }], note: 'Imported from langfuse', actor: { id: user.user.id } }]);
    const old = await render(user, 'movie-critic', { version: 1, variables: { movie: 'Alien' } });
    expect(old.body.data.openai.messages.at(-1).content).toBe('Old Alien');
  });

  it('turns OpenAI prompts and eval JSONL into prompts and datasets', async () => {
    const user = await createTestUser();
    const prompts = await importFile(user, 'openai', fixture('openai/prompts.json'));
    expect(prompts.body.data.created).toMatchObject({ prompts: 2, versions: 3 });
    const weather = await render(user, 'weather-reporter', { version: 1, variables: {} });
    expect(weather.status).toBe(200);
    expect(weather.body.data.anthropic.system).toBe('You are a cheerful weather reporter. Keep it under 50 words.');
    expect(weather.body.data.openai.messages.at(-1).content).toBe('What is the weather in San Francisco today?');

    const samples = await importFile(user, 'openai', fixture('openai/evals-samples.jsonl'), '&name=Capitals');
    expect(samples.body.data.datasets).toEqual([{ id: expect.any(String), name: 'Capitals', items: 4 }]);
    const capital = await render(user, 'capitals', { variables: { input: 'What is the capital of Peru?' } });
    expect(capital.body.data.openai.messages).toEqual([
      { role: 'system', content: 'Answer with the capital city only.' },
      { role: 'user', content: 'What is the capital of Peru?' },
    ]);
    const items = await importFile(user, 'openai', fixture('openai/evals-items.jsonl'), '&name=Tickets');
    expect(items.body.data.created).toMatchObject({ datasets: 1, items: 3 });
  });

  it('turns a promptfoo config into prompts, a dataset and an experiment the experiments API accepts', async () => {
    const user = await createTestUser();
    const res = await importFile(user, 'promptfoo', fixture('promptfoo/promptfooconfig.yaml'));
    expect(res.status).toBe(201);
    expect(res.body.data.created).toMatchObject({ prompts: 2, datasets: 1, items: 3 });
    const experiment = res.body.data.experiment;
    expect(experiment.variants).toHaveLength(4);
    expect(experiment.evaluators.map((e: { type: string }) => e.type).sort()).toEqual(['contains', 'icontains', 'latency', 'llm-judge']);
    const created = await call(experimentsRoute.POST, { method: 'POST', body: experiment, headers: user.headers });
    expect(created.status).toBe(202);
    expectMatchesDocument('post', '/api/v1/import', res.status, res.body);
    const experimentId = created.body.data.id as string;
    // Not this test's subject: stop it so it does not outlive the database.
    await call(cancelRoute.POST, { method: 'POST', params: { id: experimentId }, headers: user.headers });
    // CI runs the same config again: nothing new, and the experiment points at the same prompts and dataset.
    const again = await importFile(user, 'promptfoo', fixture('promptfoo/promptfooconfig.yaml'));
    expect(again.body.data.created).toMatchObject({ prompts: 0, versions: 0, datasets: 0 });
    expect(again.body.data.experiment.datasetId).toBe(experiment.datasetId);
  });
});

describe('refusals', () => {
  it('refuses viewers (a dry run too: importing needs the editor role), and answers 4xx for bad bodies', async () => {
    const file = fixture('langfuse/prompts.json');
    expect((await importFile(viewer, 'langfuse', file)).status).toBe(403);
    expect((await importFile(viewer, 'langfuse', file, '&dryRun=true')).status).toBe(403);
    expect((await importFile(alice, 'csv', file)).status).toBe(422);
    expect((await importFile(alice, 'langfuse', '{"name": "x\\u0000"}')).status).toBe(422);
    expect((await importFile(alice, 'langfuse', 'not json at all {')).status).toBe(422);
    const big = await importFile(alice, 'promptfoo', `prompts: ["${'x'.repeat(5 * 1024 * 1024)}"]`);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expectMatchesDocument('post', '/api/v1/import', big.status, big.body);
  });

  it('leaves nothing behind when a write fails halfway, and serialises concurrent imports of one file', async () => {
    const user = await createTestUser();
    const db = await getDb();
    const file = fixture('promptfoo/promptfooconfig.yaml');
    // The dataset is written after the prompts: a database refusal there must undo them too.
    await db.execute(sql.raw(`create or replace function interop_refuse() returns trigger as $$ begin raise exception 'refused for the test'; end $$ language plpgsql`));
    await db.execute(sql.raw(`create trigger interop_refuse before insert on datasets for each row when (new.workspace_id = '${user.workspace.id}') execute function interop_refuse()`));
    try {
      expect((await importFile(user, 'promptfoo', file)).status).toBe(500);
    } finally {
      await db.execute(sql.raw('drop trigger interop_refuse on datasets'));
    }
    expect(await db.select().from(prompts).where(eq(prompts.workspaceId, user.workspace.id))).toHaveLength(0);

    const [a, b] = await Promise.all([importFile(user, 'promptfoo', file), importFile(user, 'promptfoo', file)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.data.created.prompts, b.body.data.created.prompts].sort()).toEqual([0, 2]);
    expect(await db.select().from(prompts).where(eq(prompts.workspaceId, user.workspace.id))).toHaveLength(2);
  });

  it('writes nothing on a dry run', async () => {
    const user = await createTestUser();
    expect((await importFile(user, 'promptfoo', fixture('promptfoo/promptfooconfig.yaml'), '&dryRun=true')).body.data.created.prompts).toBe(2);
    const db = await getDb();
    expect(await db.select().from(prompts).where(eq(prompts.workspaceId, user.workspace.id))).toHaveLength(0);
    expect(await db.select().from(datasets).where(eq(datasets.workspaceId, user.workspace.id))).toHaveLength(0);
  });
});
