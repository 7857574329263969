import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from '@/lib/auth/callback-path';

const origin = 'http://127.0.0.1:3200';

describe('safeCallbackPath', () => {
  it.each([
    '/\\evil.example',
    '/\\\\evil.example',
    '\\\\evil.example',
    '//evil.example',
    '///evil.example',
    '//evil.example/prompts',
    '/\t/evil.example',
    '/\n/evil.example',
    '\t//evil.example',
    'https://evil.example',
    'http://127.0.0.1:3200.evil.example/x',
    'http://127.0.0.1:3201/prompts',
    'https://127.0.0.1:3200/prompts',
    'HTTPS://EVIL.EXAMPLE',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/.//evil.example',
    '/a/..//evil.example',
    './/evil.example',
    'http://user:pass@evil.example',
    '',
  ])('refuses %j', (value) => {
    expect(safeCallbackPath(value, origin)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it.each([
    ['/prompts', '/prompts'],
    ['/prompts/abc?tab=runs#v3', '/prompts/abc?tab=runs#v3'],
    ['/settings', '/settings'],
    ['http://127.0.0.1:3200/runs?status=failed', '/runs?status=failed'],
    // Encoded slashes stay encoded: the browser does not decode them in a path.
    ['/%5Cevil.example', '/%5Cevil.example'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['runs', '/runs'],
  ])('keeps the same-origin path %j', (value, expected) => {
    expect(safeCallbackPath(value, origin)).toBe(expected);
  });

  it('refuses what is not a string, and uses the given fallback', () => {
    expect(safeCallbackPath(undefined, origin)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackPath(['/prompts'], origin)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackPath('//evil.example', origin, '/login')).toBe('/login');
  });

  it('accepts an origin written with a trailing slash', () => {
    expect(safeCallbackPath('http://127.0.0.1:3200/runs', `${origin}/`)).toBe('/runs');
  });
});
