import { z } from 'zod';
import { ApiError, type FieldError } from '@/lib/api/errors';
import { containsEvaluator } from './contains';
import { containsAllEvaluator } from './contains-all';
import { containsAnyEvaluator } from './contains-any';
import { costEvaluator } from './cost';
import { equalsEvaluator } from './equals';
import { icontainsEvaluator } from './icontains';
import { isJsonEvaluator } from './is-json';
import { javascriptEvaluator } from './javascript';
import { jsonSchemaEvaluator } from './json-schema';
import { latencyEvaluator } from './latency';
import { lengthEvaluator } from './length';
import { levenshteinEvaluator } from './levenshtein';
import { llmJudgeEvaluator } from './llm-judge';
import { regexEvaluator } from './regex';
import { startsWithEvaluator } from './starts-with';
import { webhookEvaluator } from './webhook';
import type { EvaluatorDefinition, EvaluatorSpec } from './types';

/** A definition plus an optional check the zod schema cannot do synchronously (compiling JavaScript). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own config type
export type RegisteredEvaluator = EvaluatorDefinition<any> & {
  /** Problems with a parsed config, as paths inside the config; run once, at creation. */
  checkConfig?: (config: never) => Promise<FieldError[]>;
};

const DEFINITIONS: RegisteredEvaluator[] = [
  equalsEvaluator,
  containsEvaluator,
  icontainsEvaluator,
  containsAnyEvaluator,
  containsAllEvaluator,
  startsWithEvaluator,
  regexEvaluator,
  isJsonEvaluator,
  jsonSchemaEvaluator,
  levenshteinEvaluator,
  lengthEvaluator,
  latencyEvaluator,
  costEvaluator,
  javascriptEvaluator,
  llmJudgeEvaluator,
  webhookEvaluator,
];

export const EVALUATORS: ReadonlyMap<string, RegisteredEvaluator> = new Map(DEFINITIONS.map((d) => [d.type, d]));
export const EVALUATOR_TYPES: readonly string[] = DEFINITIONS.map((d) => d.type);

export const getEvaluator = (type: string): RegisteredEvaluator | null => EVALUATORS.get(type) ?? null;

const issuePath = (index: number, path: readonly PropertyKey[]) => ['evaluators', index, 'config', ...path.map(String)].join('.');

/**
 * Checks every spec's config against its type (defaults applied) and names the unnamed ones: the type, then
 * `type 2`, `type 3` on repeats. Throws a 422 INVALID_INPUT listing every problem at `evaluators.N.type` or
 * `evaluators.N.config.<path>`. Async because a JavaScript evaluator's code is compiled in the sandbox to check it.
 */
export async function parseEvaluatorSpecs(specs: readonly EvaluatorSpec[]): Promise<EvaluatorSpec[]> {
  const fields: FieldError[] = [];
  const parsed: EvaluatorSpec[] = [];
  const names = new Set<string>();
  for (const [index, spec] of specs.entries()) {
    if (spec.name && names.has(spec.name)) fields.push({ path: `evaluators.${index}.name`, message: `another evaluator is already named \`${spec.name}\`` });
    if (spec.name) names.add(spec.name);
    const definition = getEvaluator(spec.type);
    if (!definition) {
      fields.push({ path: `evaluators.${index}.type`, message: `unknown evaluator type \`${spec.type}\`: use one of ${EVALUATOR_TYPES.map((t) => `\`${t}\``).join(', ')}` });
      continue;
    }
    const result = definition.configSchema.safeParse(spec.config ?? {});
    if (!result.success) {
      for (const issue of result.error.issues.slice(0, 20)) fields.push({ path: issuePath(index, issue.path), message: issue.message });
      continue;
    }
    const config = result.data as Record<string, unknown>;
    if (definition.checkConfig) {
      for (const problem of await definition.checkConfig(config as never)) fields.push({ path: issuePath(index, problem.path.split('.').filter(Boolean)), message: problem.message });
    }
    parsed.push({ ...spec, config });
  }
  const [first] = fields;
  if (first) throw new ApiError('INVALID_INPUT', `\`${first.path}\`: ${first.message}`, { fields });
  return assignNames(parsed);
}

/** Unnamed specs get their type as name, numbered on repeats; names the user gave are kept and never reused. */
export function assignNames(specs: readonly EvaluatorSpec[]): EvaluatorSpec[] {
  const taken = new Set(specs.map((s) => s.name).filter((n): n is string => Boolean(n)));
  const counts = new Map<string, number>();
  return specs.map((spec) => {
    if (spec.name) return spec;
    let n = counts.get(spec.type) ?? 0;
    let name: string;
    do {
      n += 1;
      name = n === 1 ? spec.type : `${spec.type} ${n}`;
    } while (taken.has(name));
    counts.set(spec.type, n);
    taken.add(name);
    return { ...spec, name };
  });
}

/** The parsed config of a stored spec (defaults applied), or the problem: a stored config is parsed again to score. */
export function storedConfig(spec: EvaluatorSpec): { ok: true; definition: RegisteredEvaluator; config: unknown } | { ok: false; message: string } {
  const definition = getEvaluator(spec.type);
  if (!definition) return { ok: false, message: `unknown evaluator type \`${spec.type}\`` };
  const result = definition.configSchema.safeParse(spec.config ?? {});
  if (!result.success) return { ok: false, message: `the config is not valid: ${z.prettifyError(result.error).slice(0, 300)}` };
  return { ok: true, definition, config: result.data };
}
