import { beforeAll, describe, expect, it } from 'vitest';
import * as promptsRoute from '@/app/api/v1/prompts/route';
import { call, createTestUser, sessionCookie, type TestUser } from './helpers';

let alice: TestUser;
let cookie: string;

beforeAll(async () => {
  alice = await createTestUser();
  cookie = await sessionCookie(alice.user.id);
});

const write = (origin: string) =>
  call(promptsRoute.POST, { method: 'POST', body: { title: 'origin check', userPrompt: 'y' }, headers: { cookie, origin, host: 'localhost:3000' } });

describe('cookie-authenticated writes and the Origin header', () => {
  it.each(['null', 'not a url', 'file:///etc/passwd', 'chrome-extension://abcdef', 'https://evil.example', 'http://localhost:3000.evil.example', ''])(
    'refuses Origin %j with 403',
    async (origin) => {
      const res = await write(origin);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    },
  );

  it('accepts its own origin, and no Origin at all', async () => {
    expect((await write('http://localhost:3000')).status).toBe(201);
    const res = await call(promptsRoute.POST, { method: 'POST', body: { title: 'no origin', userPrompt: 'y' }, headers: { cookie, host: 'localhost:3000' } });
    expect(res.status).toBe(201);
  });

  it('does not apply to API keys, which a browser cannot attach across sites', async () => {
    const res = await call(promptsRoute.POST, { method: 'POST', body: { title: 'key', userPrompt: 'y' }, headers: { ...alice.headers, origin: 'null' } });
    expect(res.status).toBe(201);
  });
});
