import { describe, expect, it } from 'vitest';
import { modelSuggestions, retirementTag, warningsForModels } from '@/components/runs/model-retirement';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('retirementTag', () => {
  it('marks a coming shutdown and a past one, and nothing without a date', () => {
    expect(retirementTag('2026-12-11', NOW)).toBe('retires 2026-12-11');
    // The shutdown day itself counts as retired: runs fail from then on.
    expect(retirementTag('2026-12-01', NOW)).toBe('retired 2026-12-01');
    expect(retirementTag('2025-10-01', NOW)).toBe('retired 2025-10-01');
    expect(retirementTag(undefined, NOW)).toBeNull();
  });
});

describe('modelSuggestions', () => {
  it('marks the models the table dates, beyond the warning window too, and leaves the rest unmarked in their order', () => {
    // The table: gpt-5 shuts down 2026-12-11, gpt-4o-mini 2027-01-14 (44 days out: tagged, no warning).
    expect(modelSuggestions('openai', ['gpt-5', 'gpt-4o-mini', 'not-a-model'], NOW)).toEqual([
      { model: 'gpt-5', tag: 'retires 2026-12-11' },
      { model: 'gpt-4o-mini', tag: 'retires 2027-01-14' },
      { model: 'not-a-model', tag: null },
    ]);
  });
});

describe('warningsForModels', () => {
  it('warns of nothing before the page has a clock (the server render)', () => {
    expect(warningsForModels([{ provider: 'openai', model: 'gpt-5' }], 0)).toEqual([]);
  });

  it('skips empty model fields and models whose retirement is more than 30 days out', () => {
    expect(warningsForModels([{ provider: 'openai', model: '  ' }, { provider: 'openai', model: 'gpt-4o-mini' }], NOW.getTime())).toEqual([]);
  });

  it('warns once per model even when two targets run it', () => {
    const targets = [{ provider: 'openai', model: 'gpt-5' }, { provider: 'openai', model: ' gpt-5 ' }, { provider: 'openai', model: 'o3' }];
    const warnings = warningsForModels(targets, NOW.getTime());
    // 2026-12-01T12:00Z to 2026-12-11T00:00Z is 9.5 days, rounded up to 10.
    expect(warnings.map((w) => [w.model, w.code, w.retiresOn])).toEqual([
      ['gpt-5', 'MODEL_RETIRING', '2026-12-11'],
      ['o3', 'MODEL_RETIRING', '2026-12-11'],
    ]);
    expect(warnings[0]?.message).toContain('(in 10 days)');
  });
});
