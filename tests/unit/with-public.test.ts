import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { ok } from '@/lib/api/response';
import { withPublic } from '@/lib/api/with-public';

const ctx = { params: Promise.resolve({}) };
const req = new Request('http://localhost/api/x');

afterEach(() => vi.restoreAllMocks());

describe('withPublic', () => {
  it('passes the answer through and turns every failure into the one envelope', async () => {
    expect(await (await withPublic(async () => ok({ fine: true }))(req, ctx)).json()).toEqual({ data: { fine: true }, error: null });

    const refused = await withPublic(async () => {
      throw new ApiError('UNAVAILABLE', 'Database is unreachable');
    })(req, ctx);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ data: null, error: { code: 'UNAVAILABLE', message: 'Database is unreachable' } });

    const invalid = await withPublic(async () => {
      z.strictObject({ n: z.number() }).parse({ n: 'x' });
      return ok(null);
    })(req, ctx);
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.details.fields).toEqual([{ path: 'n', message: 'must be a number' }]);

    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const crashed = await withPublic(async () => {
      throw new Error('select * from secrets failed');
    })(req, ctx);
    expect(crashed.status).toBe(500);
    const body = await crashed.json();
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).not.toContain('secrets');
    expect(log).toHaveBeenCalled();
  });
});
