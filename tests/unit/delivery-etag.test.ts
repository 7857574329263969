import { describe, expect, it } from 'vitest';
import { etagMatches, resolvedPromptEtag } from '@/lib/delivery/etag';

const base = { versionId: '5b0e1a9e-0c7e-4a57-9a53-2f1b0f0c2d11', slug: 'support-reply', title: 'Support reply', label: 'production', targets: [{ versionNumber: 3, weight: 100 }] };

describe('resolvedPromptEtag', () => {
  it('is a strong, quoted tag that depends only on what the body is made of', () => {
    const tag = resolvedPromptEtag(base);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(resolvedPromptEtag({ ...base, targets: [{ versionNumber: 3, weight: 100 }] })).toBe(tag);
  });

  it('changes with the version, the slug, the title, the label or its targets', () => {
    const tag = resolvedPromptEtag(base);
    const variants = [
      { ...base, versionId: '6b0e1a9e-0c7e-4a57-9a53-2f1b0f0c2d11' },
      { ...base, slug: 'support-reply-2' },
      { ...base, title: 'Support reply (new)' },
      { ...base, label: 'staging' },
      { ...base, label: null, targets: null },
      { ...base, targets: [{ versionNumber: 3, weight: 90 }, { versionNumber: 4, weight: 10 }] },
    ];
    const tags = new Set(variants.map(resolvedPromptEtag));
    expect(tags.size).toBe(variants.length);
    expect(tags.has(tag)).toBe(false);
  });

  it('cannot be confused by a field boundary (title/slug shifts)', () => {
    expect(resolvedPromptEtag({ ...base, slug: 'a', title: 'b c' })).not.toBe(resolvedPromptEtag({ ...base, slug: 'a b', title: 'c' }));
  });
});

describe('etagMatches', () => {
  const tag = '"abc"';
  it('matches the tag, a list holding it, a weak form of it, and *', () => {
    expect(etagMatches('"abc"', tag)).toBe(true);
    expect(etagMatches('"x", "abc"', tag)).toBe(true);
    expect(etagMatches('W/"abc"', tag)).toBe(true);
    expect(etagMatches('*', tag)).toBe(true);
  });
  it('does not match another tag, an unquoted value, or no header', () => {
    expect(etagMatches('"abd"', tag)).toBe(false);
    expect(etagMatches('abc', tag)).toBe(false);
    expect(etagMatches(null, tag)).toBe(false);
    expect(etagMatches('', tag)).toBe(false);
  });
});
