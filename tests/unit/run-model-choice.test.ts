import { describe, expect, it } from 'vitest';
import { ignoredParamNotes, runModelChoice, toRunParams } from '@/app/(workspace)/prompts/[id]/_components/run-model-choice';
import { LOCAL_PROVIDER } from '@/components/providers/use-providers';
import type { AvailableProvider } from '@/lib/client/types';

const openai: AvailableProvider = { id: 'openai', label: 'OpenAI', kind: 'openai', source: 'instance', models: ['gpt-4o-mini'], ignoredParams: [] };
const base = { provider: 'openai', model: 'gpt-4o', temperature: 0.3 };

describe('runModelChoice', () => {
  it("uses the version's own settings when the workspace can run its provider", () => {
    const choice = runModelChoice(base, [LOCAL_PROVIDER, openai], true, { version: 1 });
    expect(choice).toMatchObject({ provider: 'openai', model: 'gpt-4o', params: { temperature: '0.3', maxTokens: '', topP: '' }, fallback: false });
  });

  it('falls back to the local model when the provider is not set up', () => {
    const choice = runModelChoice(base, [LOCAL_PROVIDER], true, { version: 1 });
    expect(choice).toMatchObject({ provider: 'local', model: LOCAL_PROVIDER.models[0], fallback: true });
  });

  it("offers the version's provider while the list is still loading", () => {
    const choice = runModelChoice(base, [LOCAL_PROVIDER], false, { version: 1 });
    expect(choice.provider).toBe('openai');
    expect(choice.providers.map((p) => p.id)).toEqual(['local', 'openai']);
    expect(choice.fallback).toBe(false);
  });

  it("applies the user's overrides", () => {
    const choice = runModelChoice(base, [LOCAL_PROVIDER, openai], true, { version: 1, model: 'gpt-4o-mini', topP: '0.5' });
    expect(choice).toMatchObject({ model: 'gpt-4o-mini', params: { temperature: '0.3', topP: '0.5' } });
  });
});

describe('toRunParams', () => {
  it('sends only the fields that read as numbers', () => {
    expect(toRunParams({ temperature: '0.7', maxTokens: '', topP: 'abc' })).toEqual({ temperature: 0.7 });
  });
});

describe('ignoredParamNotes', () => {
  it('notes each sampling field the selected provider does not send', () => {
    const anthropic = { id: 'anthropic', label: 'Anthropic', models: [], ignoredParams: ['temperature', 'topP'] as const };
    expect(ignoredParamNotes({ ...anthropic, ignoredParams: [...anthropic.ignoredParams] })).toEqual({
      temperature: 'Not sent to Anthropic',
      topP: 'Not sent to Anthropic',
    });
  });

  it('has nothing to say for a provider that sends them all', () => {
    expect(ignoredParamNotes(openai)).toEqual({});
    expect(ignoredParamNotes(undefined)).toEqual({});
  });
});
