import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { providerCredentials, runs, type Run } from '@/db/schema';
import { createTestUser, type TestUser } from './helpers';
import { startRunPipeline } from './runs-harness';

// Failures around the provider call: the database refusing a write, settings that no retry can fix, odd output.
let pipeline: Awaited<ReturnType<typeof startRunPipeline>>;
let executeRun: typeof import('@/lib/runs/execute-run').executeRun;
let alice: TestUser;
let promptId: string;

beforeAll(async () => {
  // Private provider URLs refused, as on a public instance; the operator's own (the fake provider) stay allowed.
  pipeline = await startRunPipeline({ ALLOW_PRIVATE_PROVIDER_URLS: 'false' });
  ({ executeRun } = await import('@/lib/runs/execute-run'));
  alice = await createTestUser();
  promptId = (await pipeline.createPrompt(alice)).id;
});

afterAll(async () => {
  await pipeline?.close();
});

beforeEach(() => pipeline.llm.reset());

const callsFor = (topic: string) => pipeline.llm.requests.filter((r) => JSON.stringify(r.body).includes(topic));

/**
 * Makes the next `times` UPDATEs that mark one of this workspace's runs succeeded fail, as a database error would.
 * A sequence counts them: unlike a table, nextval survives the rollback of the failing statement.
 */
async function failSucceededWrites(workspaceId: string, times: number) {
  const db = await getDb();
  const name = `test_fail_${randomBytes(4).toString('hex')}`;
  await db.execute(sql.raw(`create sequence ${name}`));
  await db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin
        if nextval('${name}') <= ${times} then raise exception 'simulated database failure'; end if;
        return new;
      end $$`),
  );
  await db.execute(
    sql.raw(`create trigger ${name} before update on runs for each row
      when (new.workspace_id = '${workspaceId}' and new.status = 'succeeded') execute function ${name}()`),
  );
  return async () => {
    await db.execute(sql.raw(`drop trigger ${name} on runs`));
    await db.execute(sql.raw(`drop function ${name}()`));
    await db.execute(sql.raw(`drop sequence ${name}`));
  };
}

describe('a database error while recording the outcome', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('once: the write is tried again and the run succeeds with one provider call', async () => {
    cleanup = await failSucceededWrites(alice.workspace.id, 1);
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'write-blip' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, output: 'Echo: Tell me about write-blip', error: null });
    expect(callsFor('write-blip')).toHaveLength(1);
  });

  it('for a while: the run is released, claimed again by the redelivery and succeeds, never stuck running', async () => {
    cleanup = await failSucceededWrites(alice.workspace.id, 2);
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'write-outage' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2, output: 'Echo: Tell me about write-outage', error: null });
    expect(callsFor('write-outage')).toHaveLength(2);
  });
});

describe('failures that are not the provider\'s', () => {
  let template: Run;

  beforeAll(async () => {
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'template' }, provider: 'local', model: 'promptlab-local' });
    await pipeline.waitForRun(alice, res.body.data.id);
    const db = await getDb();
    [template] = (await db.select().from(runs).where(eq(runs.id, res.body.data.id))) as [Run];
  });

  /** A queued run for `provider`, as if it had been accepted while the provider was still configured. */
  async function queuedRun(provider: string) {
    const db = await getDb();
    const { workspaceId, promptId: pid, promptVersionId, versionNumber, messages, variables, params } = template;
    const [row] = await db
      .insert(runs)
      .values({ workspaceId, promptId: pid, promptVersionId, versionNumber, messages, variables, params, provider, model: 'gpt-4o-mini', status: 'queued' })
      .returning();
    return row!.id;
  }

  async function saveCredential(label: string, values: { baseUrl?: string; encryptedKey?: string }) {
    const db = await getDb();
    await db.insert(providerCredentials).values({ workspaceId: alice.workspace.id, provider: 'custom', label, ...values });
  }

  it.each([
    ['a provider whose credential was deleted', 'deleted-endpoint', undefined, 'PROVIDER_NOT_CONFIGURED'],
    ['a key that cannot be decrypted', 'garbled-key', { baseUrl: 'https://api.example.com/v1', encryptedKey: 'v1:not:a:box' }, 'CREDENTIAL_UNREADABLE'],
    ['a base URL the SSRF guard refuses at run time', 'internal-endpoint', { baseUrl: 'http://10.0.0.1/v1' }, 'URL_REFUSED'],
  ])('%s fails the run at once with its own code', async (_label, provider, credential, code) => {
    if (credential) await saveCredential(provider, credential);
    const id = await queuedRun(provider);
    expect(await executeRun(id)).toEqual({ status: 'done', runStatus: 'failed' });
    const run = await pipeline.getRun(alice, id);
    expect(run.body.data).toMatchObject({ status: 'failed', attempts: 1, error: { code } });
    expect(run.body.data.error.message.length).toBeGreaterThan(0);
    expect(pipeline.llm.requests).toHaveLength(0);
  });
});

describe('model output PostgreSQL cannot store as is', () => {
  it('drops NUL and replaces lone surrogates with U+FFFD instead of failing the run', async () => {
    pipeline.llm.configure({ reply: 'nul:\u0000 high:\uD800 low:\uDC00 pair:\uD83D\uDE00 end' });
    const res = await pipeline.startRun(alice, { promptId, variables: { topic: 'odd-output' }, cache: false });
    const run = await pipeline.waitForRun(alice, res.body.data.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, output: 'nul: high:\uFFFD low:\uFFFD pair:\uD83D\uDE00 end' });
    expect(callsFor('odd-output')).toHaveLength(1);
  });
});
