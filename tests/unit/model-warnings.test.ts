import { describe, expect, it } from 'vitest';
import { modelWarnings } from '@/lib/llm/model-warnings';

// gpt-5 shuts down on 2026-12-11 (table: retiresOn, replacement gpt-6.1-sol). Every `now` here is fixed.
const now = (iso: string) => new Date(iso);

describe('modelWarnings', () => {
  it('warns of a shutdown within 30 days, counting whole days up to its midnight (UTC)', () => {
    // 2026-12-11T00:00Z − 2026-12-01T12:00Z = 9.5 days → 10.
    expect(modelWarnings('openai', 'gpt-5', now('2026-12-01T12:00:00Z'))).toEqual([
      {
        code: 'MODEL_RETIRING',
        message: 'OpenAI shuts gpt-5 down on 2026-12-11 (in 10 days). Switch to gpt-6.1-sol.',
        provider: 'openai',
        model: 'gpt-5',
        retiresOn: '2026-12-11',
        replacement: 'gpt-6.1-sol',
      },
    ]);
  });

  it('warns exactly 30 days ahead, not 31', () => {
    expect(modelWarnings('openai', 'gpt-5', now('2026-11-11T00:00:00Z'))[0]?.message).toContain('(in 30 days)');
    // 30.5 days → 31: no warning yet.
    expect(modelWarnings('openai', 'gpt-5', now('2026-11-10T12:00:00Z'))).toEqual([]);
  });

  it('says tomorrow on the last day, and retired from the shutdown day on', () => {
    expect(modelWarnings('openai', 'gpt-5', now('2026-12-10T12:00:00Z'))[0]?.message).toBe('OpenAI shuts gpt-5 down on 2026-12-11 (tomorrow). Switch to gpt-6.1-sol.');
    expect(modelWarnings('openai', 'gpt-5', now('2026-12-11T00:00:00Z'))[0]?.code).toBe('MODEL_RETIRED');
  });

  it('names a retired model and its replacement', () => {
    expect(modelWarnings('anthropic', 'claude-sonnet-4-5', now('2026-12-01T12:00:00Z'))).toEqual([
      {
        code: 'MODEL_RETIRED',
        message: 'claude-sonnet-4-5 was shut down by Anthropic on 2026-11-30: runs of it fail. Switch to claude-sonnet-5-5.',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        retiresOn: '2026-11-30',
        replacement: 'claude-sonnet-5-5',
      },
    ]);
  });

  it('covers dated snapshots and models without a named replacement', () => {
    expect(modelWarnings('openai', 'gpt-5-2025-08-07', now('2026-12-01T12:00:00Z'))[0]).toMatchObject({ code: 'MODEL_RETIRING', model: 'gpt-5-2025-08-07' });
    expect(modelWarnings('openai', 'o3', now('2026-12-01T12:00:00Z'))[0]).toMatchObject({
      message: 'OpenAI shuts o3 down on 2026-12-11 (in 10 days). Switch to a current model.',
      replacement: null,
    });
  });

  it('is empty for current and unknown models', () => {
    expect(modelWarnings('openai', 'gpt-5.4', now('2026-12-01T12:00:00Z'))).toEqual([]);
    expect(modelWarnings('openai', 'my-finetune', now('2026-12-01T12:00:00Z'))).toEqual([]);
    expect(modelWarnings('ollama', 'llama3.2', now('2026-12-01T12:00:00Z'))).toEqual([]);
  });
});
