import { beforeAll, describe, expect, it } from 'vitest';
import * as datasetsRoute from '@/app/api/v1/datasets/route';
import * as experimentsRoute from '@/app/api/v1/experiments/route';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import * as runsRoute from '@/app/api/v1/runs/route';
import { call, createTestUser, type TestUser } from './helpers';

// A cursor's id went into a `uuid` comparison after only a 36-character [0-9a-f-] check, so a crafted one made
// PostgreSQL refuse the cast (a 500). The id must be a UUID; anything else is the same 422 as any bad cursor.

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
const at = '2026-01-01T00:00:00.000Z';
const crafted = [
  '------------------------------------',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '00000000-0000-4000-8000-0000000000-0',
  '0000000-00000-4000-8000-000000000000',
];

let user: TestUser;
beforeAll(async () => {
  user = await createTestUser();
});

type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
const routes: [string, Handler][] = [
  ['/datasets', datasetsRoute.GET],
  ['/experiments', experimentsRoute.GET],
  ['/prompts', promptsRoute.GET],
  ['/runs', runsRoute.GET],
];

describe.each(routes)('GET %s with a crafted cursor', (path, handler) => {
  it.each(crafted)('answers 422 naming `cursor` for id %s', async (id) => {
    const res = await call(handler, { path: `${path}?cursor=${cursorOf(`${at}|${id}`)}`, headers: user.headers });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details?.fields?.map((f) => f.path)).toEqual(['cursor']);
  });

  it('still takes a cursor whose id is a UUID', async () => {
    const res = await call(handler, { path: `${path}?cursor=${cursorOf(`${at}|00000000-0000-4000-8000-000000000000`)}`, headers: user.headers });
    expect(res.status).toBe(200);
  });
});
