import { describe, expect, it } from 'vitest';
import { saveErrors, staleBaseOf } from '@/app/(workspace)/prompts/[id]/_components/save-errors';
import { ApiClientError } from '@/lib/client/api';
import type { NewVersionBody } from '@/lib/client/types';

const sent: NewVersionBody = {
  userPrompt: 'Hi {{ name }} {{ age }}',
  variables: [
    { name: 'name', type: 'string', required: true },
    { name: 'age', type: 'number', required: false },
  ],
};

describe('saveErrors', () => {
  it('shows a variable error on the chip of the variable at that index of the sent list', () => {
    const error = new ApiClientError('INVALID_INPUT', 'bad default', 422, { fields: [{ path: 'variables.1.default', message: 'must be a number' }] });
    expect(saveErrors(error, sent)).toEqual({ fields: { 'variables.age': 'Must be a number' }, form: null });
  });

  it('places template, notes and model errors on their fields', () => {
    const error = new ApiClientError('INVALID_INPUT', 'bad', 422, {
      fields: [
        { path: 'userPrompt', message: 'unclosed {{' },
        { path: 'model.temperature', message: 'too big' },
        { path: 'model.stop.4', message: 'at most 4 stop sequences' },
        { path: 'notes', message: 'too long' },
      ],
    });
    expect(saveErrors(error, sent).fields).toEqual({
      userPrompt: 'Unclosed {{',
      'model.temperature': 'Too big',
      'model.stop': 'At most 4 stop sequences',
      notes: 'Too long',
    });
  });

  it('falls back to the form alert for an index beyond the sent list', () => {
    const error = new ApiClientError('INVALID_INPUT', 'whole message', 422, { fields: [{ path: 'variables.7.name', message: 'x' }] });
    expect(saveErrors(error, sent)).toEqual({ fields: {}, form: 'Whole message' });
  });
});

describe('staleBaseOf', () => {
  it('reads the version saved meanwhile from a 409', () => {
    expect(staleBaseOf(new ApiClientError('CONFLICT', 'Version 4 was saved', 409, { currentVersionNumber: 4 }))).toBe(4);
  });

  it('is null for other errors, and for a conflict without the version', () => {
    expect(staleBaseOf(new ApiClientError('CONFLICT', 'slug taken', 409))).toBeNull();
    expect(staleBaseOf(new ApiClientError('INVALID_INPUT', 'x', 422, { currentVersionNumber: 4 }))).toBeNull();
    expect(staleBaseOf(new Error('offline'))).toBeNull();
    expect(staleBaseOf(null)).toBeNull();
  });
});
