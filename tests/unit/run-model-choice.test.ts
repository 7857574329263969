import { describe, expect, it } from 'vitest';
import {
  defaultTarget,
  describeOverrides,
  ignoredParamNotes,
  nextTarget,
  overrideNotes,
  providerOptions,
  toRunParams,
} from '@/app/(workspace)/prompts/[id]/_components/run-model-choice';
import { LOCAL_PROVIDER } from '@/components/providers/use-providers';
import type { AvailableProvider } from '@/lib/client/types';

const openai: AvailableProvider = { id: 'openai', label: 'OpenAI', kind: 'openai', source: 'instance', models: ['gpt-4o-mini', 'gpt-4o'], ignoredParams: [] };
const anthropic: AvailableProvider = { id: 'anthropic', label: 'Anthropic', kind: 'anthropic', source: 'instance', models: ['claude-3-5-haiku'], ignoredParams: ['temperature', 'topP'] };
const base = { provider: 'openai', model: 'gpt-4o', temperature: 0.7 };

describe('defaultTarget', () => {
  it("is the version's own model when the workspace can run its provider", () => {
    expect(defaultTarget(base, [LOCAL_PROVIDER, openai], true)).toEqual({ target: { provider: 'openai', model: 'gpt-4o' }, fallback: false });
  });

  it('falls back to the local model when the provider is not set up', () => {
    expect(defaultTarget(base, [LOCAL_PROVIDER], true)).toEqual({ target: { provider: 'local', model: LOCAL_PROVIDER.models[0] }, fallback: true });
  });

  it("keeps the version's provider while the list is still loading", () => {
    expect(defaultTarget(base, [LOCAL_PROVIDER], false).target.provider).toBe('openai');
  });
});

describe('providerOptions', () => {
  it('adds a chosen provider the list does not know, once', () => {
    const options = providerOptions([LOCAL_PROVIDER], [{ provider: 'openai', model: 'a' }, { provider: 'openai', model: 'b' }]);
    expect(options.map((p) => p.id)).toEqual(['local', 'openai']);
  });
});

describe('nextTarget', () => {
  it('offers the first suggested model not chosen yet', () => {
    expect(nextTarget([{ provider: 'openai', model: 'gpt-4o-mini' }], [openai, anthropic])).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(nextTarget([{ provider: 'openai', model: 'gpt-4o-mini' }, { provider: 'openai', model: 'gpt-4o' }], [openai, anthropic])).toEqual({
      provider: 'anthropic',
      model: 'claude-3-5-haiku',
    });
  });
});

describe('overrides', () => {
  it('sends only the fields that read as numbers', () => {
    expect(toRunParams({ temperature: '0.2', maxTokens: '', topP: 'abc' })).toEqual({ temperature: 0.2 });
  });

  it("marks an override against the version's setting, and not one that repeats it", () => {
    expect(overrideNotes({ temperature: '0.2', maxTokens: '100', topP: '' }, base)).toEqual({ temperature: 'overrides 0.7', maxTokens: 'overrides the default' });
    expect(overrideNotes({ temperature: '0.7', maxTokens: '', topP: '' }, base)).toEqual({});
    expect(describeOverrides({ temperature: '0.2', maxTokens: '', topP: '0.5' }, base)).toBe('temperature 0.2, top-p 0.5');
  });
});

describe('ignoredParamNotes', () => {
  it('notes each sampling field a chosen provider does not send', () => {
    expect(ignoredParamNotes([anthropic])).toEqual({ temperature: 'Not sent to Anthropic', topP: 'Not sent to Anthropic' });
    expect(ignoredParamNotes([openai, anthropic, anthropic]).temperature).toBe('Not sent to Anthropic');
  });

  it('has nothing to say for providers that send them all', () => {
    expect(ignoredParamNotes([openai, undefined])).toEqual({});
  });
});
