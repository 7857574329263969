import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

// Zod's own wording ("Too small: expected number to be >=0"); a message a schema spelled out is kept as written.
const ZOD_DEFAULT = /^(Too (small|big):|Invalid\b|Number must be|Unrecognized key)/;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  date: 'a date',
  null: 'empty',
};

const FORMAT_WORDS: Record<string, string> = {
  url: 'must be a full URL such as https://example.com',
  email: 'must be an email address',
  uuid: 'must be an id',
  datetime: 'must be a date and time',
  date: 'must be a date',
  regex: 'contains characters that are not allowed',
};

const plural = (n: number | bigint, word: string) => `${n} ${word}${Number(n) === 1 ? '' : 's'}`;

/** "a, b or c" for a short list of allowed values. */
function oneOf(values: readonly unknown[]): string {
  const shown = values.slice(0, 10).map(String);
  if (shown.length === 1) return `must be ${shown[0]}`;
  const last = shown.pop();
  return `must be one of ${shown.join(', ')}${values.length > 10 ? ', …' : ''} or ${last}`;
}

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const min = issue.minimum;
  switch (issue.origin) {
    case 'string':
      return Number(min) <= 1 ? 'is required' : `must be at least ${plural(min, 'character')}`;
    case 'array':
    case 'set':
      return `needs at least ${plural(min, 'item')}`;
    default:
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
  }
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const max = issue.maximum;
  switch (issue.origin) {
    case 'string':
      return `must be at most ${plural(max, 'character')}`;
    case 'array':
    case 'set':
      return `can have at most ${plural(max, 'item')}`;
    case 'int':
      if (max === Number.MAX_SAFE_INTEGER) return 'is too large';
      return `must be at most ${max}`;
    default:
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
  }
}

/**
 * One zod issue as a short phrase a form shows under its field ("is required", "must be at most 2",
 * "must be a whole number"). Messages a schema wrote itself are returned unchanged.
 */
export function issueMessage(issue: Issue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return 'is required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_format':
      return FORMAT_WORDS[issue.format] ?? `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'invalid_union':
      return 'does not match any of the accepted forms';
    default:
      return 'is not valid';
  }
}
