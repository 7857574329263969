import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { ProviderError } from '@/lib/llm/types';
import { UrlRefusedError } from '@/lib/net/guarded-fetch';
import { classifyRunFailure, INTERNAL_FAILURE_MESSAGE } from '@/lib/runs/run-failure';
import { toStorableText } from '@/lib/runs/storable-text';

describe('classifyRunFailure', () => {
  it('keeps a provider error its kind and retry policy', () => {
    const limited = new ProviderError('rate_limited', 'openai: 429 slow down', { retryAfterMs: 2000 });
    expect(classifyRunFailure(limited)).toEqual({ code: 'RATE_LIMITED', message: 'openai: 429 slow down', retryable: true, retryAfterMs: 2000, canceled: false });
    expect(classifyRunFailure(new ProviderError('auth', 'openai: 401'))).toMatchObject({ code: 'AUTH', retryable: false });
    expect(classifyRunFailure(new ProviderError('canceled', 'request canceled'))).toMatchObject({ code: 'CANCELED', canceled: true });
  });

  it('fails a connection the guarded fetch refused at once, as URL_REFUSED, however deeply the SDK wrapped it', () => {
    const refused = new UrlRefusedError('private_address', 'my-endpoint resolves to 10.0.0.1 at connect time');
    const wrapped = new ProviderError('network', 'my-endpoint: connection failed', { cause: new TypeError('fetch failed', { cause: refused }) });
    for (const error of [new ProviderError('bad_request', 'my-endpoint: refused', { cause: refused }), wrapped]) {
      expect(classifyRunFailure(error)).toMatchObject({ code: 'URL_REFUSED', retryable: false, message: refused.message });
    }
  });

  it('names what to fix in the settings when resolving the provider refused', () => {
    const cases: Array<[ApiError, string]> = [
      [new ApiError('INVALID_INPUT', 'base URL `http://10.0.0.1` resolves to a private address', { fields: [{ path: 'baseUrl', message: 'x' }] }), 'URL_REFUSED'],
      [new ApiError('INVALID_INPUT', 'the saved key for `x` cannot be decrypted (was ENCRYPTION_KEY changed?)'), 'CREDENTIAL_UNREADABLE'],
      [new ApiError('INVALID_INPUT', 'provider `groq` is not configured: add a key'), 'PROVIDER_NOT_CONFIGURED'],
      [new ApiError('INVALID_INPUT', 'unknown provider `gone`'), 'PROVIDER_NOT_CONFIGURED'],
      [new ApiError('INVALID_INPUT', 'whatever the wording', { details: { reason: 'CREDENTIAL_UNREADABLE' } }), 'CREDENTIAL_UNREADABLE'],
    ];
    for (const [error, code] of cases) expect(classifyRunFailure(error), error.message).toMatchObject({ code, retryable: false, message: error.message });
  });

  it('retries anything else unexpected (a database blip while resolving) as INTERNAL', () => {
    expect(classifyRunFailure(new Error('connection terminated'))).toMatchObject({ code: 'INTERNAL', retryable: true });
  });

  it('never stores what an unexpected error says (a failed query quotes its SQL and parameters)', () => {
    const leak = new Error('Failed query: select "encrypted_key" from "provider_credentials" where "workspace_id" = $1 params: 9f0c…');
    const failure = classifyRunFailure(leak);
    expect(failure.message).toBe(INTERNAL_FAILURE_MESSAGE);
    expect(failure.message).not.toMatch(/select|params|provider_credentials/i);
  });
});

describe('toStorableText', () => {
  it('drops NUL and replaces unpaired surrogates, leaving well-formed text alone', () => {
    expect(toStorableText('a\u0000b')).toBe('ab');
    expect(toStorableText('x\uD800y\uDC00z\uD800')).toBe('x\uFFFDy\uFFFDz\uFFFD');
    expect(toStorableText('\uDC00\uD800')).toBe('\uFFFD\uFFFD'); // reversed pair is two lone halves
    const fine = 'emoji \uD83D\uDE00 and ü, 中文';
    expect(toStorableText(fine)).toBe(fine);
    expect(toStorableText('x\uD800y').isWellFormed()).toBe(true);
  });
});
