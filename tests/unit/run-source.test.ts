import { describe, expect, it } from 'vitest';
import { resolveRunSource, runSummary, screenLabel } from '@/app/(workspace)/prompts/[id]/_components/run-source';

const screen = { viewing: null, dirty: false, baseVersion: 3 };
const mini = { provider: 'openai', model: 'gpt-4o-mini' };
const noOverrides = { temperature: '', maxTokens: '', topP: '' };

describe('resolveRunSource', () => {
  it('runs the unsaved edits as a draft, and an unchanged editor as its version', () => {
    expect(resolveRunSource('screen', { ...screen, dirty: true })).toEqual({ kind: 'draft' });
    expect(resolveRunSource('screen', screen)).toEqual({ kind: 'version', versionNumber: 3 });
  });

  it('runs the version opened read-only, or the one picked', () => {
    expect(resolveRunSource('screen', { ...screen, viewing: 2, dirty: true })).toEqual({ kind: 'version', versionNumber: 2 });
    expect(resolveRunSource(1, { ...screen, dirty: true })).toEqual({ kind: 'version', versionNumber: 1 });
  });

  it('runs the draft of a prompt with no version yet', () => {
    expect(resolveRunSource('screen', { ...screen, baseVersion: null })).toEqual({ kind: 'draft' });
  });
});

describe('screenLabel', () => {
  it('says what the editor holds', () => {
    expect(screenLabel({ ...screen, dirty: true })).toBe('Editor (draft)');
    expect(screenLabel(screen)).toBe('Editor (v3, unchanged)');
    expect(screenLabel({ ...screen, viewing: 1 })).toBe('On screen (v1)');
  });
});

describe('runSummary', () => {
  it('says exactly what will run, on which models, with which overrides', () => {
    expect(runSummary({ kind: 'draft' }, [mini], noOverrides, { ...mini, temperature: 0.7 })).toBe('Runs your unsaved edits on openai/gpt-4o-mini');
    expect(
      runSummary({ kind: 'version', versionNumber: 2 }, [mini, { provider: 'anthropic', model: 'claude-3-5-haiku' }], { ...noOverrides, temperature: '0.2' }, {
        ...mini,
        temperature: 0.7,
      }),
    ).toBe('Runs version 2 on openai/gpt-4o-mini and anthropic/claude-3-5-haiku with temperature 0.2');
    const many = ['a', 'b', 'c', 'd'].map((model) => ({ provider: 'openai', model }));
    expect(runSummary({ kind: 'draft' }, many, noOverrides, mini)).toBe('Runs your unsaved edits on 4 models');
  });
});
