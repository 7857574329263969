import { beforeAll, describe, expect, it } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as diffRoute from '@/app/api/v1/prompts/[id]/diff/route';
import * as restoreRoute from '@/app/api/v1/prompts/[id]/restore/route';
import * as versionsRoute from '@/app/api/v1/prompts/[id]/versions/route';
import * as versionRoute from '@/app/api/v1/prompts/[id]/versions/[number]/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { call, createTestUser, type TestUser } from './helpers';

// Numbers past PostgreSQL's `integer` and dates past what timestamptz takes made the query fail (a 500); input is
// held to the columns' range first, and one past it answers 422 naming the field.

const MAX_INT = 2_147_483_647;
const anyId = '00000000-0000-4000-8000-000000000000';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

let owner: TestUser;
let promptId: string;

beforeAll(async () => {
  owner = await createTestUser();
  const created = await call(promptsRoute.POST, { method: 'POST', headers: owner.headers, body: { title: 'Ranges', userPrompt: 'About {{topic}}' } });
  promptId = created.body.data.id;
});

type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
type Case = { name: string; handler: Handler; method?: string; path?: string; params?: () => Record<string, string>; body?: () => object; field: string };

const tooLarge: Case[] = [
  { name: 'GET /diff from', handler: diffRoute.GET, path: `/diff?from=${MAX_INT + 1}&to=1`, params: () => ({ id: promptId }), field: 'from' },
  { name: 'GET /diff to', handler: diffRoute.GET, path: `/diff?from=1&to=99999999999`, params: () => ({ id: promptId }), field: 'to' },
  { name: 'POST /restore versionNumber', handler: restoreRoute.POST, method: 'POST', params: () => ({ id: promptId }), body: () => ({ versionNumber: MAX_INT + 1 }), field: 'versionNumber' },
  {
    name: 'POST /versions baseVersionNumber',
    handler: versionsRoute.POST,
    method: 'POST',
    params: () => ({ id: promptId }),
    body: () => ({ userPrompt: 'x', baseVersionNumber: MAX_INT + 1 }),
    field: 'baseVersionNumber',
  },
  { name: 'POST /runs versionNumber', handler: runsRoute.POST, method: 'POST', body: () => ({ promptId, versionNumber: MAX_INT + 1, variables: { topic: 'x' } }), field: 'versionNumber' },
  { name: 'GET /runs versionNumber', handler: runsRoute.GET, path: `/runs?versionNumber=${MAX_INT + 1}`, field: 'versionNumber' },
  { name: 'GET /runs from (year -200000)', handler: runsRoute.GET, path: '/runs?from=-200000-01-01', field: 'from' },
  { name: 'GET /runs to (year 275760)', handler: runsRoute.GET, path: '/runs?to=%2B275760-01-01T00:00:00Z', field: 'to' },
  { name: 'GET /runs from (1969)', handler: runsRoute.GET, path: '/runs?from=1969-12-31T23:59:59Z', field: 'from' },
  { name: 'GET /runs to (year 10000)', handler: runsRoute.GET, path: '/runs?to=%2B010000-01-01T00:00:00Z', field: 'to' },
  { name: 'GET /versions cursor', handler: versionsRoute.GET, path: `/versions?cursor=${cursorOf('n|9999999999')}`, params: () => ({ id: promptId }), field: 'cursor' },
  { name: 'GET /runs cursor date', handler: runsRoute.GET, path: `/runs?cursor=${cursorOf(`-200000-01-01T00:00:00.000Z|${anyId}`)}`, field: 'cursor' },
  { name: 'GET /prompts cursor date', handler: promptsRoute.GET, path: `/prompts?cursor=${cursorOf(`+275760-01-01T00:00:00.000Z|${anyId}`)}`, field: 'cursor' },
];

const send = (c: Case) =>
  call(c.handler, { method: c.method ?? 'GET', path: c.path ?? '/', params: c.params?.() ?? {}, body: c.body?.(), headers: owner.headers });

describe.each(tooLarge)('$name', (c) => {
  it(`answers 422 naming \`${c.field}\``, async () => {
    const res = await send(c);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details?.fields?.map((f) => f.path)).toEqual([c.field]);
  });
});

describe('the edges of the range', () => {
  it('treats the largest integer as a version that does not exist (404), not an error', async () => {
    const diff = await call(diffRoute.GET, { path: `/diff?from=${MAX_INT}&to=1`, params: { id: promptId }, headers: owner.headers });
    expect(diff.status).toBe(404);
    const restore = await call(restoreRoute.POST, { method: 'POST', params: { id: promptId }, body: { versionNumber: MAX_INT }, headers: owner.headers });
    expect(restore.status).toBe(404);
    const run = await call(runsRoute.POST, { method: 'POST', body: { promptId, versionNumber: MAX_INT, variables: { topic: 'x' } }, headers: owner.headers });
    expect(run.status).toBe(404);
    const runs = await call(runsRoute.GET, { path: `/runs?versionNumber=${MAX_INT}`, headers: owner.headers });
    expect(runs.status).toBe(200);
    const page = await call(versionsRoute.GET, { path: `/versions?cursor=${cursorOf(`n|${MAX_INT}`)}`, params: { id: promptId }, headers: owner.headers });
    expect(page.status).toBe(200);
    expect(page.body.data.items).toHaveLength(1);
  });

  it('answers 404 for a version path past the range, as for any number that names no version', async () => {
    for (const n of [String(MAX_INT), String(MAX_INT + 1), '99999999999999999999']) {
      const res = await call(versionRoute.GET, { params: { id: promptId, number: n }, headers: owner.headers });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('accepts dates from 1970 to the end of year 9999', async () => {
    const res = await call(runsRoute.GET, { path: '/runs?from=1970-01-01&to=9999-12-31T23:59:59.999Z', headers: owner.headers });
    expect(res.status).toBe(200);
  });
});
