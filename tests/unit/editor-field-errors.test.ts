import { describe, expect, it } from 'vitest';
import { draftFromVersion } from '@/app/(workspace)/prompts/[id]/_components/draft';
import { draftErrors } from '@/app/(workspace)/prompts/[id]/_components/draft-errors';
import { modelToForm, type ModelForm } from '@/app/(workspace)/prompts/[id]/_components/model-form';
import { jsonSchemaError, modelFormErrors } from '@/app/(workspace)/prompts/[id]/_components/model-form-errors';
import { saveErrors } from '@/app/(workspace)/prompts/[id]/_components/save-errors';
import { ApiClientError } from '@/lib/client/api';
import { version } from '../fixtures/editor-version';

const form = (patch: Partial<ModelForm>): ModelForm => ({ ...modelToForm({ provider: 'openai', model: 'gpt-4o' }), ...patch });

describe('model settings, checked in the browser', () => {
  it('says what is wrong with a number in plain words, keeping what was typed', () => {
    expect(modelFormErrors(form({ temperature: '3' }))).toEqual({ temperature: 'Between 0 and 2.' });
    expect(modelFormErrors(form({ temperature: '0.' }))).toEqual({});
    expect(modelFormErrors(form({ temperature: 'warm' }))).toEqual({ temperature: 'Must be a number.' });
    expect(modelFormErrors(form({ maxTokens: '1.5' }))).toEqual({ maxTokens: 'Must be a whole number.' });
    expect(modelFormErrors(form({ maxTokens: '0' }))).toEqual({ maxTokens: 'Between 1 and 1,000,000.' });
    expect(modelFormErrors(form({ model: '  ' }))).toEqual({ model: 'Required.' });
  });

  it('says where a JSON Schema stops being JSON, and that it must be an object', () => {
    expect(jsonSchemaError('{\n  "type": "object",\n}')).toBe('This is not valid JSON (check line 3, column 1).');
    expect(jsonSchemaError('[1]')).toBe('Must be a JSON object, like { "type": "object" }.');
    expect(jsonSchemaError('')).toBeUndefined();
    expect(modelFormErrors(form({ responseSchema: { name: 'bad name', schema: '{}', strict: false } }))).toEqual({
      'responseSchema.name': 'Use 1 to 64 letters, digits, _ or -.',
    });
  });

  it('checks each tool: a name, unique, and parameters that are a JSON object', () => {
    const tools = [
      { name: 'lookup', description: '', parameters: '{}' },
      { name: 'lookup', description: '', parameters: 'nope' },
      { name: '', description: '', parameters: '' },
    ];
    expect(modelFormErrors(form({ tools }))).toEqual({
      'tools.1.name': 'Another tool already has this name.',
      'tools.1.parameters': 'This is not valid JSON.',
      'tools.2.name': 'Required.',
    });
  });
});

describe('draftErrors', () => {
  it('applies the chat rules where they are broken, keyed like the API', () => {
    const draft = draftFromVersion(version());
    const messages = [
      { role: 'user' as const, content: '  ' },
      { role: 'system' as const, content: 'late' },
    ];
    expect(draftErrors({ ...draft, messages })).toEqual({
      'messages.1.role': 'System messages must come before the conversation.',
      messages: 'Add a user message with some text.',
    });
    expect(draftErrors({ ...draft, userPrompt: '', model: { ...draft.model, topP: '2' } })).toEqual({ userPrompt: 'Required.', 'model.topP': 'Between 0 and 1.' });
  });
});

describe('saveErrors', () => {
  it('places the server’s chat turn and tool errors on their fields', () => {
    const sent = {
      messages: [
        { role: 'user' as const, content: '{{ x' },
        { role: 'assistant' as const, content: 'ok' },
      ],
      model: { provider: 'openai', model: 'm', tools: [{ name: 't', parameters: {} }] },
    };
    const error = new ApiClientError('INVALID_INPUT', 'bad', 422, {
      fields: [
        { path: 'messages.0.content', message: 'unclosed {{' },
        { path: 'model.tools.0.parameters.type', message: 'must be "object"' },
        { path: 'model.responseSchema.schema', message: 'not a schema' },
      ],
    });
    expect(saveErrors(error, sent).fields).toEqual({
      'messages.0.content': 'Unclosed {{',
      'model.tools.0.parameters': 'Must be "object"',
      'model.responseSchema.schema': 'Not a schema',
    });
  });
});
