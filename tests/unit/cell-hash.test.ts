import { describe, expect, it } from 'vitest';
import { variantHasher } from '@/lib/experiments/cell-hash';

const variant = {
  version: { systemPrompt: 'Be brief.', userPrompt: 'About {{topic}}', messages: null, variables: [{ name: 'topic', type: 'string', required: true }] },
  provider: 'openai',
  model: 'gpt-4o-mini',
  params: { temperature: 0.2, maxTokens: 100 },
};

describe('cell content hash', () => {
  const hash = variantHasher(variant);

  it('is stable and ignores key order in params and input', () => {
    const reordered = variantHasher({ ...variant, params: { maxTokens: 100, temperature: 0.2 } });
    expect(reordered({ b: 2, a: 1 }, 0)).toBe(hash({ a: 1, b: 2 }, 0));
    expect(hash({ a: 1 }, 0)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with each part a rerun must not reuse across', () => {
    const base = hash({ topic: 'tides' }, 0);
    const changed = [
      hash({ topic: 'tides' }, 1),
      hash({ topic: 'moons' }, 0),
      variantHasher({ ...variant, model: 'gpt-4o' })({ topic: 'tides' }, 0),
      variantHasher({ ...variant, provider: 'anthropic' })({ topic: 'tides' }, 0),
      variantHasher({ ...variant, params: { temperature: 0.3, maxTokens: 100 } })({ topic: 'tides' }, 0),
      variantHasher({ ...variant, version: { ...variant.version, systemPrompt: 'Be long.' } })({ topic: 'tides' }, 0),
      variantHasher({ ...variant, version: { ...variant.version, variables: [] } })({ topic: 'tides' }, 0),
    ];
    for (const other of changed) expect(other).not.toBe(base);
    expect(new Set(changed).size).toBe(changed.length);
  });

  it('does not confuse input text with the separators', () => {
    expect(hash({ topic: 'a\n0' }, 0)).not.toBe(hash({ topic: 'a' }, 0));
  });
});
