import { describe, expect, it } from 'vitest';
import {
  convertDraft,
  draftFromTemplate,
  draftFromVersion,
  draftToPayload,
  draftToRunDraft,
  isDraftChanged,
  reconcileDraft,
  type Draft,
} from '@/app/(workspace)/prompts/[id]/_components/draft';
import { formToModel, modelToForm } from '@/app/(workspace)/prompts/[id]/_components/model-form';
import { version } from '../fixtures/editor-version';

const chatVersion = version({
  format: 'chat',
  systemPrompt: 'Classify.',
  userPrompt: '{{ review }}',
  messages: [
    { role: 'system', content: 'Classify.' },
    { role: 'user', content: 'Great phone' },
    { role: 'assistant', content: 'positive' },
    { role: 'user', content: '{{ review }}' },
  ],
});

describe('chat ↔ simple conversion', () => {
  it('turns system + user into a [system, user] chat, keeping the text', () => {
    const chat = convertDraft(draftFromVersion(version()), 'chat');
    expect(chat?.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Summarise {{ text }}' },
    ]);
  });

  it('turns a chat back into a pair only when it is exactly [system?, user]', () => {
    const draft = draftFromVersion(version());
    const chat = convertDraft(draft, 'chat')!;
    expect(convertDraft(chat, 'simple')).toMatchObject({ messages: null, systemPrompt: 'You are terse.', userPrompt: 'Summarise {{ text }}' });
    const onlyUser = { ...chat, messages: [{ role: 'system' as const, content: '' }, { role: 'user' as const, content: 'Hi' }] };
    expect(convertDraft(onlyUser, 'simple')).toMatchObject({ messages: null, systemPrompt: '', userPrompt: 'Hi' });
    expect(convertDraft(draftFromVersion(chatVersion), 'simple')).toBeNull();
  });

  it('opens a version saved as chat in chat mode, and a simple one in simple mode', () => {
    expect(draftFromVersion(chatVersion).messages).toHaveLength(4);
    expect(draftFromVersion(version()).messages).toBeNull();
  });

  it('opens a run template with one system and one user turn as the simple pair', () => {
    const { messages, variables, model } = chatVersion;
    expect(draftFromTemplate({ messages: messages.slice(0, 2), variables, model })).toMatchObject({ messages: null, systemPrompt: 'Classify.', userPrompt: 'Great phone' });
    expect(draftFromTemplate({ messages, variables, model }).messages).toEqual(messages);
  });
});

describe('payloads', () => {
  it('sends messages (and no system/user) for a chat draft, turn for turn as shown', () => {
    const turns = [{ role: 'system' as const, content: '' }, ...chatVersion.messages.slice(1)];
    const draft: Draft = { ...draftFromVersion(chatVersion), messages: turns };
    const payload = draftToPayload(draft, chatVersion, ' few-shot ');
    expect(payload).not.toHaveProperty('systemPrompt');
    expect(payload).not.toHaveProperty('userPrompt');
    expect(payload).toMatchObject({ messages: turns, notes: 'few-shot' });
    expect(payload.variables.map((v) => v.name)).toEqual(['review']);
  });

  it('sends the pair for a simple draft', () => {
    const payload = draftToPayload(draftFromVersion(version()), version(), '');
    expect(payload).toMatchObject({ systemPrompt: 'You are terse.', userPrompt: 'Summarise {{ text }}' });
    expect(payload).not.toHaveProperty('messages');
  });

  it('makes the run draft from what the editor shows, variables from every turn', () => {
    const draft = { ...draftFromVersion(chatVersion), messages: [...chatVersion.messages, { role: 'assistant' as const, content: '{{ tone }}' }] };
    const run = draftToRunDraft({ ...draft, model: { ...draft.model, temperature: '0.2' } });
    expect(run.messages).toHaveLength(5);
    expect(run.variables?.map((v) => v.name)).toEqual(['review', 'tone']);
    expect(run.model).toEqual({ provider: 'openai', model: 'gpt-4o-mini', temperature: 0.2 });
    expect(run).not.toHaveProperty('userPrompt');
  });

  it('detects variables across all turns', () => {
    const draft = draftFromVersion(chatVersion);
    expect(reconcileDraft({ ...draft, messages: [{ role: 'user', content: '{{ a }}' }, { role: 'assistant', content: '{{ b }}' }] }).undeclared).toEqual(['a', 'b']);
  });
});

describe('isDraftChanged', () => {
  it('is false for an untouched draft and for a chat with the same turns as the simple version', () => {
    const draft = draftFromVersion(version());
    expect(isDraftChanged(draft, version())).toBe(false);
    expect(isDraftChanged(convertDraft(draft, 'chat')!, version())).toBe(false);
  });

  it('is true when a turn, the model or a structured output schema changes', () => {
    const draft = draftFromVersion(chatVersion);
    expect(isDraftChanged(draft, chatVersion)).toBe(false);
    expect(isDraftChanged({ ...draft, messages: draft.messages!.slice(0, 2).concat(draft.messages!.slice(3)) }, chatVersion)).toBe(true);
    expect(isDraftChanged({ ...draft, model: { ...draft.model, temperature: '0.8' } }, chatVersion)).toBe(true);
    expect(isDraftChanged({ ...draft, model: { ...draft.model, responseSchema: { name: 'out', schema: '{"type":"object"}', strict: true } } }, chatVersion)).toBe(true);
  });

  it('ignores a reformatted but equal JSON schema', () => {
    const v = version({ model: { provider: 'openai', model: 'm', responseSchema: { name: 'r', schema: { type: 'object' } } } });
    const draft = draftFromVersion(v);
    expect(isDraftChanged({ ...draft, model: { ...draft.model, responseSchema: { ...draft.model.responseSchema, schema: '{ "type" :"object" }' } } }, v)).toBe(false);
  });
});

describe('model form', () => {
  it('round-trips structured output and tools', () => {
    const model = {
      provider: 'openai',
      model: 'gpt-4o',
      responseSchema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } }, strict: true },
      tools: [{ name: 'lookup', description: 'Find a thing', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
    };
    expect(formToModel(modelToForm(model))).toEqual(model);
  });

  it('leaves out what cannot be read rather than sending it', () => {
    const form = { ...modelToForm({ provider: 'openai', model: 'm' }), temperature: 'abc', responseSchema: { name: '', schema: '{ nope', strict: false } };
    expect(formToModel(form)).toEqual({ provider: 'openai', model: 'm' });
  });
});
