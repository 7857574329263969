import { describe, expect, it } from 'vitest';
import { ApiClientError } from '@/lib/client/api';
import { formErrors } from '@/lib/client/field-errors';

const invalid = (fields: { path: string; message: string }[], message = 'invalid input') =>
  new ApiClientError('INVALID_INPUT', message, 422, { fields });

describe('formErrors', () => {
  it('has nothing to show without an error', () => {
    expect(formErrors(null, ['title'])).toEqual({ fields: {}, form: null });
  });

  it('puts each message under its field, and no form alert when all are placed', () => {
    const errors = formErrors(invalid([{ path: 'title', message: 'is required' }, { path: 'slug', message: 'use lowercase letters' }]), ['title', 'slug']);
    expect(errors).toEqual({ fields: { title: 'Is required', slug: 'Use lowercase letters' }, form: null });
  });

  it('places a nested path on the field that owns it, the most specific first', () => {
    const errors = formErrors(invalid([{ path: 'tags.3', message: 'too long' }, { path: 'model.stop.1', message: 'empty' }]), ['tags', 'model', 'model.stop']);
    expect(errors.fields).toEqual({ tags: 'Too long', 'model.stop': 'Empty' });
  });

  it('shows the whole message in the form alert when a path has no field', () => {
    const errors = formErrors(invalid([{ path: 'title', message: 'is required' }, { path: 'secret', message: 'nope' }], 'all of it'), ['title']);
    expect(errors).toEqual({ fields: { title: 'Is required' }, form: 'all of it' });
  });

  it('never reads field names out of the message text', () => {
    const errors = formErrors(new ApiClientError('INVALID_INPUT', '`title`: is required', 422), ['title']);
    expect(errors).toEqual({ fields: {}, form: '`title`: is required' });
  });

  it('shows any other error as a form-level message', () => {
    expect(formErrors(new Error('offline'), ['title'])).toEqual({ fields: {}, form: 'offline' });
  });

  it('renames API paths onto the form before placing them', () => {
    const errors = formErrors(invalid([{ path: 'items.0.name', message: 'bad' }]), ['rows.first'], (p) => p.replace('items.0.name', 'rows.first'));
    expect(errors.fields).toEqual({ 'rows.first': 'Bad' });
  });
});
