import { z } from 'zod';
import { binary, DEFAULT_VALUE, jsonValue, quote, requireValue } from './config-fields';
import { interpolateValue } from './interpolate';
import type { EvaluatorDefinition } from './types';

const configSchema = z.strictObject({
  /** What the output must equal; default `{{expected}}`. JSON (or text that is a JSON object/array) compares deeply. */
  value: jsonValue.optional(),
  /** Ignore whitespace at both ends (default true). */
  trim: z.boolean().default(true),
  /** Compare text case-insensitively (default false). */
  ignoreCase: z.boolean().default(false),
});
export type EqualsConfig = z.infer<typeof configSchema>;

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** Structural equality of JSON values: key order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > 200) return false;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i], depth + 1));
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  const bo = b as Record<string, unknown>;
  return ak.every((k) => Object.hasOwn(bo, k) && jsonEqual((a as Record<string, unknown>)[k], bo[k], depth + 1));
}

const isStructured = (value: unknown) => typeof value === 'object' && value !== null;

export const equalsEvaluator: EvaluatorDefinition<EqualsConfig> = {
  type: 'equals',
  configSchema,
  async evaluate(config, ctx) {
    const wanted = requireValue(interpolateValue(config.value ?? DEFAULT_VALUE, ctx.vars));
    const output = config.trim ? ctx.output.trim() : ctx.output;
    // A JSON expected (an object, array, number… or text holding an object/array) is compared as JSON.
    let expectedJson: { ok: true; value: unknown } | { ok: false } = { ok: false };
    if (typeof wanted !== 'string') expectedJson = { ok: true, value: wanted };
    else if (/^\s*[[{]/.test(wanted)) expectedJson = parseJson(wanted);
    if (expectedJson.ok && (isStructured(expectedJson.value) || typeof wanted !== 'string')) {
      const got = parseJson(output);
      if (!got.ok) return binary(false, 'the output is not JSON, and the expected value is');
      const pass = jsonEqual(got.value, expectedJson.value);
      return binary(pass, pass ? 'the output equals the expected JSON' : 'the output JSON differs from the expected JSON');
    }
    let expected = String(wanted);
    if (config.trim) expected = expected.trim();
    const pass = config.ignoreCase ? output.toLowerCase() === expected.toLowerCase() : output === expected;
    return binary(pass, pass ? 'the output equals the expected text' : `the output differs from ${quote(expected)}`);
  },
};
