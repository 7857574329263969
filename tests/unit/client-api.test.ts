import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError, apiFetch } from '@/lib/client/api';

function answer(status: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  vi.stubGlobal('fetch', vi.fn(async () => new Response(text, { status, headers: { 'content-type': 'application/json' } })));
}

afterEach(() => vi.unstubAllGlobals());

describe('apiFetch', () => {
  it('unwraps the data of a success envelope', async () => {
    answer(200, { data: { id: 'p1' }, error: null });
    await expect(apiFetch('/api/v1/prompts/p1')).resolves.toEqual({ id: 'p1' });
  });

  it('sends a JSON body with its content type', async () => {
    answer(201, { data: { ok: true }, error: null });
    await apiFetch('/api/v1/prompts', { method: 'POST', body: { title: 'x' } });
    const [, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(init).toMatchObject({ method: 'POST', body: '{"title":"x"}', headers: { 'content-type': 'application/json' } });
  });

  it('carries the field errors of a validation failure', async () => {
    answer(422, {
      data: null,
      error: {
        code: 'INVALID_INPUT',
        message: '`title`: is required',
        details: { fields: [{ path: 'title', message: 'is required' }, { path: 3, message: 'not a field' }] },
      },
    });
    const error = await apiFetch('/api/v1/prompts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', status: 422, message: '`title`: is required' });
    // Malformed entries are dropped rather than trusted.
    expect((error as ApiClientError).fields).toEqual([{ path: 'title', message: 'is required' }]);
  });

  it('keeps other details (a stale base names the current version)', async () => {
    answer(409, { data: null, error: { code: 'CONFLICT', message: 'Version 3 was saved', details: { currentVersionNumber: 3 } } });
    const error = (await apiFetch('/x').catch((e: unknown) => e)) as ApiClientError;
    expect(error.details).toEqual({ currentVersionNumber: 3 });
    expect(error.fields).toEqual([]);
  });

  it('reports a non-JSON answer (a proxy error page) by its status', async () => {
    answer(502, '<html>Bad gateway</html>');
    await expect(apiFetch('/x')).rejects.toMatchObject({ code: 'INTERNAL', status: 502, message: 'Request failed with status 502' });
  });
});
