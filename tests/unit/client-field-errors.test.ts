import { describe, expect, it } from 'vitest';
import { ApiClientError } from '@/lib/client/api';
import { z } from 'zod';
import { formErrors, plainMessage, zodFormErrors } from '@/lib/client/field-errors';

const invalid = (fields: { path: string; message: string }[], message = 'invalid input') =>
  new ApiClientError('INVALID_INPUT', message, 422, { fields });

describe('formErrors', () => {
  it('has nothing to show without an error', () => {
    expect(formErrors(null, ['title'])).toEqual({ fields: {}, form: null });
  });

  it('puts each message under its field, and no form alert when all are placed', () => {
    const errors = formErrors(invalid([{ path: 'title', message: 'is required' }, { path: 'slug', message: 'use lowercase letters' }]), ['title', 'slug']);
    expect(errors).toEqual({ fields: { title: 'Required', slug: 'Use lowercase letters' }, form: null });
  });

  it('places a nested path on the field that owns it, the most specific first', () => {
    const errors = formErrors(invalid([{ path: 'tags.3', message: 'too long' }, { path: 'model.stop.1', message: 'empty' }]), ['tags', 'model', 'model.stop']);
    expect(errors.fields).toEqual({ tags: 'Too long', 'model.stop': 'Empty' });
  });

  it('shows the whole message in the form alert when a path has no field', () => {
    const errors = formErrors(invalid([{ path: 'title', message: 'is required' }, { path: 'secret', message: 'nope' }], 'all of it'), ['title']);
    expect(errors).toEqual({ fields: { title: 'Required' }, form: 'All of it' });
  });

  it('never reads field names out of the message text', () => {
    const errors = formErrors(new ApiClientError('INVALID_INPUT', '`title`: is required', 422), ['title']);
    expect(errors).toEqual({ fields: {}, form: 'Title: is required' });
  });

  it('shows any other error as a form-level message', () => {
    expect(formErrors(new Error('offline'), ['title'])).toEqual({ fields: {}, form: 'Offline' });
  });

  it('renames API paths onto the form before placing them', () => {
    const errors = formErrors(invalid([{ path: 'items.0.name', message: 'bad' }]), ['rows.first'], (p) => p.replace('items.0.name', 'rows.first'));
    expect(errors.fields).toEqual({ 'rows.first': 'Bad' });
  });
});

describe('plainMessage', () => {
  it.each([
    ['is required', 'Required'],
    ['must be between 0 and 2', 'Between 0 and 2'],
    ['must be at most 50 characters', 'At most 50 characters'],
    ['must be a whole number', 'Must be a whole number'],
    ['INVALID_INPUT: `title`: is required', 'Title: is required'],
    ['use letters, digits, `.`, `_` or `-`', 'Use letters, digits, “.”, “_” or “-”'],
    ['provider `acme` is not configured: set OPENAI_API_KEY', 'Provider acme is not configured: set OPENAI_API_KEY'],
  ])('%s → %s', (message, plain) => {
    expect(plainMessage(message)).toBe(plain);
  });

  it('never leaves a backtick or an error code in a server message shown at a field', () => {
    const errors = formErrors(invalid([{ path: 'label', message: '`label` is taken' }], 'INVALID_INPUT: `label` is taken; `x`: bad'), ['label']);
    expect(JSON.stringify(errors)).not.toMatch(/`|INVALID_INPUT/);
  });
});

describe('zodFormErrors', () => {
  const schema = z.strictObject({
    name: z.string().trim().min(1),
    temperature: z.number().min(0).max(2),
    maxTokens: z.number().int(),
    stop: z.array(z.string()).max(1),
  });

  it('places real zod issues on their fields in plain words', () => {
    const result = schema.safeParse({ name: ' ', temperature: 3, maxTokens: 1.5, stop: ['a', 'b'] });
    expect(zodFormErrors(result.error!, ['name', 'temperature', 'maxTokens', 'stop'])).toEqual({
      fields: { name: 'Required', temperature: 'At most 2', maxTokens: 'Must be a whole number', stop: 'Can have at most 1 item' },
      form: null,
    });
  });

  it('says what is wrong with a field the form does not show', () => {
    const result = schema.safeParse({ name: 'x', temperature: '1', maxTokens: 1, stop: [] });
    expect(zodFormErrors(result.error!, ['name'])).toEqual({ fields: {}, form: 'Temperature: must be a number' });
  });
});
