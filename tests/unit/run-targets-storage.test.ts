import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadTargets, saveTargets } from '@/app/(workspace)/prompts/[id]/_components/run-targets-storage';

describe('run targets storage', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    const localStorage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
      removeItem: (key: string) => void store.delete(key),
    };
    vi.stubGlobal('window', { localStorage });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('remembers the models chosen for a prompt, and forgets them on null', () => {
    const targets = [
      { provider: 'openai', model: 'gpt-4o-mini' },
      { provider: 'anthropic', model: 'claude-haiku-4-5' },
    ];
    saveTargets('p1', targets);
    expect(loadTargets('p1')).toEqual(targets);
    expect(loadTargets('p2')).toBeNull();
    saveTargets('p1', null);
    expect(loadTargets('p1')).toBeNull();
  });

  it('keeps only well-formed entries, at most eight', () => {
    window.localStorage.setItem('promptlab:run-targets:p1', JSON.stringify([{ provider: 'openai' }, 5, ...Array.from({ length: 10 }, (_, i) => ({ provider: 'openai', model: `m${i}` }))]));
    expect(loadTargets('p1')?.map((t) => t.model)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    window.localStorage.setItem('promptlab:run-targets:p1', '{not json');
    expect(loadTargets('p1')).toBeNull();
  });
});
