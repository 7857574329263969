import { describe, expect, it } from 'vitest';
import type { TemplateMessage } from '@/lib/prompts/schemas';
import { promptsOfMessages, simpleForm, versionMessages } from '@/lib/prompts/version-messages';

const sys = (content: string): TemplateMessage => ({ role: 'system', content });
const user = (content: string): TemplateMessage => ({ role: 'user', content });
const bot = (content: string): TemplateMessage => ({ role: 'assistant', content });

describe('version messages', () => {
  it('derives the turns of a simple version, leaving out an empty system prompt', () => {
    expect(versionMessages({ systemPrompt: 'S', userPrompt: 'U', messages: null })).toEqual([sys('S'), user('U')]);
    expect(versionMessages({ systemPrompt: '', userPrompt: 'U', messages: null })).toEqual([user('U')]);
    const chat = [user('a'), bot('b'), user('c')];
    expect(versionMessages({ systemPrompt: '', userPrompt: 'c', messages: chat })).toBe(chat);
  });

  it('stores the leading system turns joined and the last user turn for two-field readers', () => {
    expect(promptsOfMessages([sys('one'), sys('two'), user('q1'), bot('a1'), user('q2'), bot('prefill')])).toEqual({
      systemPrompt: 'one\n\ntwo',
      userPrompt: 'q2',
    });
    expect(promptsOfMessages([user('only')])).toEqual({ systemPrompt: '', userPrompt: 'only' });
  });

  it('finds the simple form only for [system?, user]', () => {
    expect(simpleForm([sys('S'), user('U')])).toEqual({ systemPrompt: 'S', userPrompt: 'U' });
    expect(simpleForm([user('U')])).toEqual({ systemPrompt: '', userPrompt: 'U' });
    expect(simpleForm([sys('S'), sys('T'), user('U')])).toBeNull();
    expect(simpleForm([user('a'), bot('b'), user('c')])).toBeNull();
    expect(simpleForm([user('U'), bot('prefill')])).toBeNull();
  });
});
