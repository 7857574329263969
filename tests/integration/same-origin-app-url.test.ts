import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, sessionCookie, type TestUser } from './helpers';

// Behind a proxy that forwards the upstream Host (nginx's default: Host is 127.0.0.1:3000) with a public APP_URL,
// the browser's Origin is APP_URL's: writes are judged against it, not against the Host the server received.
process.env.APP_URL = 'https://prompts.example.com';

const promptsRoute = await import('@/app/api/v1/prompts/route');

let alice: TestUser;
let cookie: string;

beforeAll(async () => {
  alice = await createTestUser();
  cookie = await sessionCookie(alice.user.id);
});

const write = async (origin: string | null, extra: Record<string, string> = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', cookie, host: '127.0.0.1:3000', ...extra };
  if (origin !== null) headers.origin = origin;
  const req = new Request('http://127.0.0.1:3000/api/v1/prompts', {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'behind a proxy', userPrompt: 'y' }),
  });
  const res = await promptsRoute.POST(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as { error: { code: string } | null } };
};

describe('the same-origin check with APP_URL behind a proxy', () => {
  it('accepts a session write from APP_URL’s origin, whatever Host the proxy forwarded', async () => {
    expect((await write('https://prompts.example.com')).status).toBe(201);
  });

  it.each(['https://evil.example', 'null', 'http://prompts.example.com', 'https://prompts.example.com:8443', 'http://127.0.0.1:3000'])(
    'refuses Origin %j with 403',
    async (origin) => {
      const res = await write(origin);
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('FORBIDDEN');
    },
  );

  it('does not let X-Forwarded-Host stand in for APP_URL', async () => {
    const res = await write('https://evil.example', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(403);
  });

  it('still lets a request without Origin through, as before', async () => {
    expect((await write(null)).status).toBe(201);
  });
});
