import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueMessage } from '@/lib/api/issue-message';
import { modelConfigSchema } from '@/lib/prompts/schemas';

// Each case parses with a real schema, so a zod upgrade that changes its issues shows up here.
const messageFor = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map(issueMessage);
};

describe('issueMessage', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ['a missing value', z.object({ a: z.string() }), {}, 'is required'],
    ['an empty string', z.string().min(1), '', 'is required'],
    ['a short string', z.string().min(3), 'ab', 'must be at least 3 characters'],
    ['a long string', z.string().max(5), 'toolong', 'must be at most 5 characters'],
    ['a number below', z.number().min(0), -1, 'must be at least 0'],
    ['a number at an exclusive bound', z.number().gt(0), 0, 'must be greater than 0'],
    ['a number above', z.number().max(2), 3, 'must be at most 2'],
    ['a fraction for an integer', z.number().int(), 1.5, 'must be a whole number'],
    ['text for a number', z.number(), 'x', 'must be a number'],
    ['NaN for a number', z.number(), Number.NaN, 'must be a number'],
    ['a number for text', z.string(), 2, 'must be text'],
    ['text for a boolean', z.boolean(), 'yes', 'must be true or false'],
    ['too many items', z.array(z.string()).max(1), ['a', 'b'], 'can have at most 1 item'],
    ['too few items', z.array(z.string()).min(2), ['a'], 'needs at least 2 items'],
    ['an unknown option', z.enum(['system', 'user', 'assistant']), 'bot', 'must be one of system, user or assistant'],
    ['a bad URL', z.url(), 'nope', 'must be a full URL such as https://example.com'],
    ['an unsafe integer', z.number().int(), 2 ** 60, 'is too large'],
  ])('%s', (_name, schema, value, expected) => {
    expect(messageFor(schema, value)).toEqual([expected]);
  });

  it('keeps the message a schema wrote itself', () => {
    expect(messageFor(z.string().min(1, 'cannot be empty'), '')).toEqual(['cannot be empty']);
  });

  it('never answers in zod wording', () => {
    const odd = [z.number().multipleOf(5), z.union([z.string(), z.number()]), z.email()];
    for (const schema of odd) {
      for (const message of messageFor(schema, schema === odd[0] ? 7 : true)) expect(message).not.toMatch(/Invalid|Too (big|small)|expected/);
    }
  });

  it('gives the model settings their ranges', () => {
    const base = { provider: 'local', model: 'm' };
    expect(messageFor(modelConfigSchema, { ...base, temperature: 3 })).toEqual(['must be between 0 and 2']);
    expect(messageFor(modelConfigSchema, { ...base, topP: -1 })).toEqual(['must be between 0 and 1']);
    expect(messageFor(modelConfigSchema, { ...base, maxTokens: 2.5 })).toEqual(['must be a whole number']);
  });
});
