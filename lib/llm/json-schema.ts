import 'server-only';
import { createHash } from 'node:crypto';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { RE2JS } from 're2js';
import type { OutputCheck } from '@/db/schema';
import { ApiError, fieldError, type FieldError } from '@/lib/api/errors';
import type { ModelConfig } from '@/lib/prompts/schemas';
import { withDeadline } from './deadline';
import { sliceWhole } from './stream-output';

/*
 * User JSON Schemas (structured output, tool parameters), read as draft 2020-12: the draft OpenAI's structured
 * outputs and Anthropic's tool input schemas document ($defs, prefixItems). Ajv treats schemas as trusted code,
 * so a workspace's schema is bounded here: its size (zod, 32 KB) and depth, every `pattern` runs on RE2 (linear
 * time, no backtracking), each schema compiles in its own Ajv instance (a `$id` never reaches another
 * workspace's schema), and compiling and validating each run under a deadline. One model setting may carry a
 * response schema and 32 tools: their JSON is capped together, and they share one compile deadline, so a single
 * request cannot hold the event loop for a deadline per schema.
 */

const MAX_DEPTH = 64;
const COMPILE_DEADLINE_MS = 2_000;
const MAX_MODEL_SCHEMA_BYTES = 64 * 1024;
const CHECK_DEADLINE_MS = 1_000;
const MAX_REPORTED_ERRORS = 10;
// Messages quote enum values, property names and paths from the schema or the reply: each is capped, and the
// errors stored on a run together.
const MAX_MESSAGE_CHARS = 300;
const MAX_REPORTED_CHARS = 2_000;
const CACHE_SIZE = 100;

/** An RE2 engine for Ajv's `code.regExp`: JavaScript syntax translated, lookarounds and backreferences refused. */
function re2(pattern: string) {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '').replaceAll('`', '"') : 'unsupported';
    throw new SchemaProblem(`the pattern "${pattern}" cannot be used (${detail}; lookarounds and backreferences are not supported)`);
  }
}
re2.code = 're2js';

class SchemaProblem extends Error {}

// Only ever validates schemas against the meta-schema, so no user schema is added to it.
let metaAjv: Ajv2020 | null = null;
const meta = () => (metaAjv ??= new Ajv2020({ strict: false, logger: false, validateFormats: false }));

const newCompiler = () =>
  new Ajv2020({
    strict: false,
    logger: false,
    allErrors: true,
    validateSchema: false,
    addUsedSchema: false,
    validateFormats: false,
    code: { regExp: re2 },
  });

// `timedOut`: the deadline (or the setting's share of it) ran out, which says nothing lasting about the schema.
type Compiled = { ok: true; validate: ValidateFunction } | { ok: false; problem: string; timedOut?: true };
const cache = new Map<string, Compiled>();

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}

const TOO_SLOW = 'it takes too long to compile (the schemas of one model setting get 2 seconds together)';

function compileUncached(schema: Record<string, unknown>, deadlineMs: number): Compiled {
  if (depthOf(schema) > MAX_DEPTH) return { ok: false, problem: `it is nested too deeply (at most ${MAX_DEPTH} levels)` };
  if (deadlineMs <= 0) return { ok: false, problem: TOO_SLOW, timedOut: true };
  // A draft-07 `$schema` would make Ajv look the meta-schema up; `$async` would make validation a promise.
  const { $schema: _draft, $async: _async, ...root } = schema;
  try {
    return withDeadline(deadlineMs, () => {
      if (!meta().validateSchema(root)) return { ok: false, problem: describe(meta().errors?.[0], 'at') };
      return { ok: true, validate: newCompiler().compile(root) };
    });
  } catch (error) {
    if (error instanceof SchemaProblem) return { ok: false, problem: error.message };
    if (isTimeout(error)) {
      metaAjv = null; // interrupted mid-compile: start from a fresh instance
      return { ok: false, problem: TOO_SLOW, timedOut: true };
    }
    if (error instanceof RangeError) return { ok: false, problem: 'it is nested too deeply' };
    return { ok: false, problem: error instanceof Error ? error.message.replaceAll('`', '"') : 'it cannot be compiled' };
  }
}

function compile(schema: Record<string, unknown>, deadlineMs = COMPILE_DEADLINE_MS): Compiled {
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('base64url');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const compiled = compileUncached(schema, deadlineMs);
  if (!compiled.ok && compiled.timedOut) return compiled; // a later request, with a fresh budget, tries again
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

/** `text`, cut to MAX_MESSAGE_CHARS with an ellipsis. */
const clip = (text: string) => (text.length > MAX_MESSAGE_CHARS ? `${sliceWhole(text, MAX_MESSAGE_CHARS - 1)}…` : text);

/** Why a schema cannot be used, or null when it compiles. */
function schemaProblem(schema: Record<string, unknown>, deadlineMs: number): string | null {
  const compiled = compile(schema, deadlineMs);
  return compiled.ok ? null : clip(compiled.problem);
}

/** Refuses schemas whose JSON together passes the cap, naming the field where the total crosses it. */
function assertSchemaBytes(model: Partial<ModelConfig> | undefined, prefix: string) {
  const parts: [string, unknown][] = [[`${prefix}responseSchema`, model?.responseSchema?.schema], ...(model?.tools ?? []).map((t): [string, unknown] => [`${prefix}tools`, t.parameters])];
  let total = 0;
  for (const [path, schema] of parts) {
    if (!schema) continue;
    total += Buffer.byteLength(JSON.stringify(schema));
    if (total > MAX_MODEL_SCHEMA_BYTES) {
      throw fieldError(path, `is too large: the response schema and the tools' parameters may total at most ${MAX_MODEL_SCHEMA_BYTES / 1024} KB of JSON`);
    }
  }
}

/**
 * Refuses model settings whose response schema or tool parameters are not usable JSON Schemas, naming the field
 * (`${path}.responseSchema.schema`, `${path}.tools.N.parameters`; `${path}.tools` when they are too large together).
 */
export function assertUsableModelSchemas(model: Partial<ModelConfig> | undefined, path: string) {
  const prefix = path ? `${path}.` : '';
  assertSchemaBytes(model, prefix);
  const deadline = performance.now() + COMPILE_DEADLINE_MS;
  const left = () => Math.floor(deadline - performance.now());
  const fields: FieldError[] = [];
  const responseSchema = model?.responseSchema?.schema;
  if (responseSchema) {
    const problem = schemaProblem(responseSchema, left());
    if (problem) fields.push({ path: `${prefix}responseSchema.schema`, message: `is not a valid JSON Schema: ${problem}` });
  }
  model?.tools?.forEach((tool, index) => {
    const problem = tool.parameters.type === 'object' ? schemaProblem(tool.parameters, left()) : 'the parameters of a tool must be an object schema (type "object")';
    if (problem) fields.push({ path: `${prefix}tools.${index}.parameters`, message: `is not a valid JSON Schema: ${problem}` });
  });
  const [first] = fields;
  if (first) throw new ApiError('INVALID_INPUT', `\`${first.path}\`: ${first.message}`, { fields });
}

/** Checks a reply against the response schema: up to 10 readable errors, each naming where in the reply it is. */
export function checkOutput(schema: Record<string, unknown>, outputText: string): OutputCheck {
  let value: unknown;
  try {
    value = JSON.parse(outputText);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'it does not parse';
    return { valid: false, errors: [clip(`The reply is not JSON: ${reason}`)] };
  }
  const compiled = compile(schema);
  if (!compiled.ok) return { valid: false, errors: [clip(`The schema cannot be used: ${compiled.problem}`)] };
  try {
    const valid = withDeadline(CHECK_DEADLINE_MS, () => compiled.validate(value));
    if (valid) return { valid: true, errors: [] };
    const errors = withinTotal((compiled.validate.errors ?? []).slice(0, MAX_REPORTED_ERRORS).map((e) => describe(e, 'reply')));
    return { valid: false, errors: errors.length > 0 ? errors : ['The reply does not match the schema'] };
  } catch (error) {
    if (isTimeout(error)) cache.clear(); // an interrupted validator may hold half-finished state
    return { valid: false, errors: [checkFailure(error)] };
  }
}

/** The first messages that fit in MAX_REPORTED_CHARS together. */
function withinTotal(messages: string[]): string[] {
  let total = 0;
  return messages.filter((message) => (total += message.length) <= MAX_REPORTED_CHARS);
}

function checkFailure(error: unknown): string {
  if (isTimeout(error)) return 'Checking the reply against the schema took too long';
  if (error instanceof RangeError) return 'The reply is nested too deeply to check'; // the validator's stack ran out
  const reason = error instanceof Error && error.message ? error.message.replaceAll('`', '"') : 'an unexpected error';
  return clip(`The reply could not be checked against the schema: ${reason}`);
}

const isTimeout = (error: unknown) => (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';

/** One Ajv error as a sentence: where (a JSON pointer into the reply or schema), then what is wrong. */
function describe(error: ErrorObject | undefined, subject: 'reply' | 'at'): string {
  if (!error) return 'it does not match the JSON Schema meta-schema';
  const params = error.params as Record<string, unknown>;
  let message = (error.message ?? 'is not valid').replace('must NOT', 'must not');
  if (error.keyword === 'additionalProperties') message += ` (${String(params.additionalProperty)})`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    message += `: ${params.allowedValues.slice(0, 10).map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const where = error.instancePath;
  if (subject === 'reply') return clip(where ? `At ${where}: ${message}` : `The reply ${message}`);
  return clip(where ? `at ${where}, ${message}` : `the schema ${message}`);
}
