import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as datasetsRoute from '@/app/api/v1/datasets/route';
import * as itemsRoute from '@/app/api/v1/datasets/[id]/items/route';
import { deleteDatasetItem, updateDatasetItem } from '@/db/queries/dataset-items';
import { call, createTestUser, type TestUser } from './helpers';

// Replace-import and dataset delete lock the dataset row, then its items. Editing or deleting one item locked the
// item first and the dataset second: the opposite order, a deadlock on PostgreSQL when both run at once. Here a
// second connection holds the dataset lock the way an import does; the item call must then wait WITHOUT having
// locked its item, so the holder can still take the item's lock (NOWAIT would fail at once otherwise).
// PGlite is one connection and cannot interleave transactions, so this runs on the PostgreSQL project only.

const onPostgres = process.env.DATABASE_DRIVER === 'postgres';
if (!onPostgres) console.warn('[dataset-item-lock-order] skipped: needs PostgreSQL (set TEST_DATABASE_URL)');

describe.skipIf(!onPostgres)('dataset item edits lock the dataset first', () => {
  let user: TestUser;
  let holder: pg.Client;

  beforeAll(async () => {
    user = await createTestUser();
    holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
  });
  afterAll(async () => {
    await holder?.end();
  });

  async function datasetWithItem() {
    const created = await call(datasetsRoute.POST, { method: 'POST', headers: user.headers, body: { name: `Locks ${Math.random()}` } });
    const datasetId: string = created.body.data.id;
    const added = await call(itemsRoute.POST, { method: 'POST', params: { id: datasetId }, headers: user.headers, body: { items: [{ input: { q: 'a' } }] } });
    expect(added.status).toBe(201);
    const listed = await call(itemsRoute.GET, { params: { id: datasetId }, headers: user.headers });
    return { datasetId, itemId: listed.body.data.items[0].id as string };
  }

  /** Until the holder's backend blocks someone on a lock (the item call has reached its first lock wait). */
  async function waitForBlockedBackend() {
    const pid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid;
    for (let i = 0; i < 200; i++) {
      const { rows } = await holder.query('select count(*)::int as n from pg_locks where not granted and pid <> $1', [pid]);
      if (rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the item call never waited for the dataset lock');
  }

  it.each([
    ['update', (a: { datasetId: string; itemId: string }) => updateDatasetItem({ workspaceId: user.workspace.id, ...a, patch: { expected: 'x' } })],
    ['delete', (a: { datasetId: string; itemId: string }) => deleteDatasetItem({ workspaceId: user.workspace.id, ...a })],
  ] as const)('%s waits on the dataset row before touching the item', async (_name, act) => {
    const { datasetId, itemId } = await datasetWithItem();
    await holder.query('begin');
    await holder.query('select id from datasets where id = $1 for update', [datasetId]);
    const pending = act({ datasetId, itemId });
    await waitForBlockedBackend();
    // The import's next step: its items. Fails with lock_not_available if the item call holds the item's row.
    const item = await holder.query('select id from dataset_items where id = $1 for update nowait', [itemId]).catch((e: { code?: string }) => e);
    await holder.query(item instanceof Error || 'code' in item ? 'rollback' : 'commit');
    expect('rows' in item ? item.rows.length : item.code).toBe(1);
    expect(await pending).not.toBeNull();
  });
});
