import { RE2JS } from 're2js';
import { z } from 'zod';
import { binary, quote } from './config-fields';
import type { EvaluatorDefinition } from './types';

export const MAX_PATTERN_CHARS = 1_000;

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

// Every cell of an experiment checks the same few patterns.
const compiled = new Map<string, RE2JS>();
const CACHE_SIZE = 200;

/** Compiles on RE2 (linear time: no pattern can hang the server); JavaScript syntax, no lookarounds or backreferences. */
export function compileRegex(pattern: string, flags = ''): RE2JS {
  const key = `${flags}/${pattern}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  let bits = 0;
  for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
  const regex = RE2JS.compile(RE2JS.translateRegExp(pattern), bits);
  compiled.set(key, regex);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  return regex;
}

const regexError = (error: unknown) =>
  `is not a usable pattern (${error instanceof Error ? error.message.replace(/^error parsing regexp: /, '').replaceAll('`', '"') : 'unsupported'}; lookarounds and backreferences are not supported)`;

const configSchema = z
  .strictObject({
    /** A regular expression in JavaScript syntax, run on RE2; the output passes when it matches anywhere. */
    pattern: z.string().min(1, 'must not be empty').max(MAX_PATTERN_CHARS, `at most ${MAX_PATTERN_CHARS} characters`),
    /** Any of `i` (ignore case), `m` (^ and $ at line ends), `s` (. matches newlines). */
    flags: z.string().regex(/^[ims]{0,3}$/, 'use only the flags i, m and s').default(''),
  })
  .superRefine((config, ctx) => {
    try {
      compileRegex(config.pattern, config.flags);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: regexError(error) });
    }
  });
export type RegexConfig = z.infer<typeof configSchema>;

export const regexEvaluator: EvaluatorDefinition<RegexConfig> = {
  type: 'regex',
  configSchema,
  async evaluate(config, ctx) {
    const pass = compileRegex(config.pattern, config.flags).test(ctx.output);
    return binary(pass, `the output ${pass ? 'matches' : 'does not match'} /${quote(config.pattern, 60).slice(1, -1)}/${config.flags}`);
  },
};
