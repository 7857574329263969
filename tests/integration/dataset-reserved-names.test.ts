import { beforeAll, describe, expect, it } from 'vitest';
import * as datasetsRoute from '@/app/api/v1/datasets/route';
import * as itemsRoute from '@/app/api/v1/datasets/[id]/items/route';
import * as itemRoute from '@/app/api/v1/datasets/[id]/items/[itemId]/route';
import * as importRoute from '@/app/api/v1/datasets/[id]/import/route';
import { call, createTestUser, type TestUser } from './helpers';

// `__proto__` in a JSON body or a file was assigned into a plain object and vanished: the item was stored without
// it and nobody was told. Reserved names are refused with a 422 naming where they are; nothing is stored.

let user: TestUser;
let datasetId: string;
beforeAll(async () => {
  user = await createTestUser();
  const res = await call(datasetsRoute.POST, { method: 'POST', headers: user.headers, body: { name: 'Reserved' } });
  datasetId = res.body.data.id;
});

const fieldsOf = (res: { body: { error: { details?: { fields?: { path: string }[] } } } }) => res.body.error.details?.fields?.map((f) => f.path);
const itemCount = async () => (await call(itemsRoute.GET, { params: { id: datasetId }, headers: user.headers })).body.data.items.length as number;

describe('reserved names in datasets', () => {
  it('POST items refuses __proto__ as a variable and constructor as a metadata key', async () => {
    const proto = await call(itemsRoute.POST, { method: 'POST', params: { id: datasetId }, headers: user.headers, rawBody: '{"items":[{"input":{"q":"a"}},{"input":{"q":"b","__proto__":"x"}}]}' });
    expect(proto.status).toBe(422);
    expect(proto.body.error.code).toBe('INVALID_INPUT');
    expect(proto.body.error.message).toContain('`__proto__` is reserved and cannot be a variable name');
    expect(fieldsOf(proto)).toEqual(['items.1.input.__proto__']);
    const ctor = await call(itemsRoute.POST, { method: 'POST', params: { id: datasetId }, headers: user.headers, rawBody: '{"input":{"q":"a"},"metadata":{"constructor":1}}' });
    expect(ctor.status).toBe(422);
    expect(fieldsOf(ctor)).toEqual(['metadata.constructor']);
    const created = await call(datasetsRoute.POST, { method: 'POST', headers: user.headers, rawBody: '{"name":"R2","items":[{"input":{"prototype":1}}]}' });
    expect(created.status).toBe(422);
    expect(await itemCount()).toBe(0);
  });

  it('PATCH item refuses them too', async () => {
    const added = await call(itemsRoute.POST, { method: 'POST', params: { id: datasetId }, headers: user.headers, body: { input: { q: 'a' } } });
    const itemId = added.body.data.items[0].id;
    const res = await call(itemRoute.PATCH, { method: 'PATCH', params: { id: datasetId, itemId }, headers: user.headers, rawBody: '{"input":{"q":"b","__proto__":{"polluted":true}}}' });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['input.__proto__']);
  });

  it('import refuses a __proto__ column (CSV) and key (JSONL), naming row and column', async () => {
    const before = await itemCount();
    const csv = await call(importRoute.POST, { method: 'POST', path: `/api/v1/datasets/${datasetId}/import`, params: { id: datasetId }, rawBody: 'q,__proto__\na,b\n', headers: { ...user.headers, 'content-type': 'text/csv' } });
    expect(csv.status).toBe(422);
    expect(csv.body.error.message).toMatch(/^row 0 \(the header\), column `__proto__`: `__proto__` is reserved/);
    expect(fieldsOf(csv)).toEqual(['rows.0.__proto__']);
    const jsonl = await call(importRoute.POST, {
      method: 'POST', path: `/api/v1/datasets/${datasetId}/import`, params: { id: datasetId },
      rawBody: '{"input":{"q":"a"}}\n{"input":{"q":"b"},"metadata":{"__proto__":"m"}}\n', headers: { ...user.headers, 'content-type': 'application/x-ndjson' },
    });
    expect(jsonl.status).toBe(422);
    expect(fieldsOf(jsonl)).toEqual(['rows.2.metadata.__proto__']);
    // A query override cannot smuggle one in either.
    const mapped = await call(importRoute.POST, { method: 'POST', path: `/api/v1/datasets/${datasetId}/import?map.q=input.constructor`, params: { id: datasetId }, rawBody: 'q\na\n', headers: { ...user.headers, 'content-type': 'text/csv' } });
    expect(mapped.status).toBe(422);
    expect(await itemCount()).toBe(before);
  });
});
