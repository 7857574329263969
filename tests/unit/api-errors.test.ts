import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, errorStatus, fieldError } from '@/lib/api/errors';
import { fail } from '@/lib/api/response';
import { formatFieldErrors, zodFieldErrors } from '@/lib/api/zod-message';

describe('error vocabulary', () => {
  it('gives every code one status: 422 for invalid input, 400 for a malformed request', () => {
    expect(errorStatus.INVALID_INPUT).toBe(422);
    expect(errorStatus.BAD_REQUEST).toBe(400);
    expect(new Set(Object.values(errorStatus)).size).toBe(Object.keys(errorStatus).length);
    for (const code of Object.keys(errorStatus) as (keyof typeof errorStatus)[]) {
      expect(new ApiError(code, 'x').status).toBe(errorStatus[code]);
    }
  });

  it('puts field errors and other details in the envelope', async () => {
    const res = fail(fieldError('variables.topic', 'is required'));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      data: null,
      error: { code: 'INVALID_INPUT', message: '`variables.topic`: is required', details: { fields: [{ path: 'variables.topic', message: 'is required' }] } },
    });
    const conflict = await fail(new ApiError('CONFLICT', 'stale', { details: { currentVersionNumber: 3 } })).json();
    expect(conflict.error).toEqual({ code: 'CONFLICT', message: 'stale', details: { currentVersionNumber: 3 } });
    expect(await fail(new ApiError('NOT_FOUND', 'gone')).json()).toEqual({ data: null, error: { code: 'NOT_FOUND', message: 'gone' } });
  });
});

describe('zodFieldErrors', () => {
  const schema = z.strictObject({
    title: z.string(),
    items: z.array(z.strictObject({ input: z.string().min(1, 'cannot be empty') })),
  });

  it('reports dotted paths, short messages and unknown keys at their own path', () => {
    const result = schema.safeParse({ items: [{ input: 'ok' }, { input: '' }, { input: 'x', extra: 1 }], colour: 'red' });
    const fields = zodFieldErrors(result.error!);
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'is required' },
        { path: 'items.1.input', message: 'cannot be empty' },
        { path: 'items.2.extra', message: 'is not a known field' },
        { path: 'colour', message: 'is not a known field' },
      ]),
    );
    expect(formatFieldErrors(fields)).toContain('`items.1.input`: cannot be empty');
  });
});
