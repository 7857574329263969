import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { getWorkspacePolicy } from '@/db/queries/workspaces';
import { env } from '@/lib/env';
import { computeCostUsd } from '@/lib/llm/pricing';
import { createProvider } from '@/lib/llm/registry';
import { resolvePrice } from '@/lib/llm/resolve-price';
import type { ChatMessage, CompletionResult, ResponseSchema } from '@/lib/llm/types';
import { LOCAL_MODEL_ID, LOCAL_PROVIDER_ID } from '@/lib/providers/catalog';
import { resolveProviderConfig } from '@/lib/providers/resolve';
import { retryDelayMs } from '@/lib/runs/backoff';
import { classifyRunFailure } from '@/lib/runs/run-failure';
import { optionalText } from './config-fields';
import { interpolate } from './interpolate';
import { EvaluatorError } from './evaluator-error';
import type { EvalContext, EvaluatorDefinition, EvaluatorOutcome } from './types';

export const MAX_RUBRIC_CHARS = 10_000;
export const JUDGE_MAX_ATTEMPTS = 3;
/** Output and expected value shown to the judge are cut here: the judge's prompt must stay bounded. */
const MAX_SHOWN_CHARS = 20_000;
const JUDGE_MAX_TOKENS = 512;

const configSchema = z
  .strictObject({
    /** What a good output does (`{{expected}}` and variables allowed); the judge scores the output from 0 to 1. */
    rubric: z.string().trim().min(1, 'must not be empty').max(MAX_RUBRIC_CHARS, `at most ${MAX_RUBRIC_CHARS.toLocaleString('en-US')} characters`),
    /** Any configured provider id; default the built-in local model. */
    provider: optionalText(z.string().trim().min(1).max(50)),
    /** The judge model; default the local model (required with another provider). */
    model: optionalText(z.string().trim().min(1).max(200)),
    /** The judge's score at which the output passes (default 0.5). */
    passThreshold: z.number().min(0).max(1).default(0.5),
  })
  .refine((c) => !c.provider || c.provider === LOCAL_PROVIDER_ID || c.model, { message: 'name the judge model for this provider', path: ['model'] });
export type LlmJudgeConfig = z.infer<typeof configSchema>;

const GRADE_SCHEMA: ResponseSchema = {
  name: 'grade',
  strict: true,
  schema: {
    type: 'object',
    properties: { score: { type: 'number', minimum: 0, maximum: 1 }, reason: { type: 'string' } },
    required: ['score', 'reason'],
    additionalProperties: false,
  },
};

const SYSTEM = [
  'You grade the output of an AI model against a rubric.',
  'Answer with JSON only: {"score": <a number from 0 to 1>, "reason": "<one or two sentences>"}.',
  'A score of 1 means the output fully meets the rubric; 0 means it does not meet it at all.',
].join(' ');

const shown = (text: string) => (text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}\n[… cut at ${MAX_SHOWN_CHARS.toLocaleString('en-US')} characters]` : text);

function judgeMessages(config: LlmJudgeConfig, ctx: EvalContext): ChatMessage[] {
  const parts = [`Rubric:\n${interpolate(config.rubric, ctx.vars)}`];
  if (ctx.expected !== null && ctx.expected !== undefined) parts.push(`Expected answer:\n${shown(typeof ctx.expected === 'string' ? ctx.expected : JSON.stringify(ctx.expected))}`);
  parts.push(`Output to grade:\n<output>\n${shown(ctx.output)}\n</output>`);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/** The judge's `{ score, reason }`, from bare JSON or JSON inside a code fence; null when it is not there. */
export function parseGrade(text: string): { score: number; reason: string } | null {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  for (const candidate of [text, fenced, text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)]) {
    if (!candidate) continue;
    try {
      const value = JSON.parse(candidate) as { score?: unknown; reason?: unknown };
      if (typeof value?.score !== 'number' || !Number.isFinite(value.score) || value.score < 0 || value.score > 1) continue;
      return { score: value.score, reason: typeof value.reason === 'string' ? value.reason : '' };
    } catch {
      // try the next form
    }
  }
  return null;
}

async function callJudge(config: LlmJudgeConfig, ctx: EvalContext): Promise<{ result: CompletionResult; costUsd: number; costKnown: boolean }> {
  const provider = config.provider ?? LOCAL_PROVIDER_ID;
  const model = config.model ?? LOCAL_MODEL_ID;
  // The judge is a model call like any other: the workspace's allowlist applies to it (read now, as it may change).
  const allowlist = (await getWorkspacePolicy({ workspaceId: ctx.workspaceId }))?.modelAllowlist;
  if (allowlist && !allowlist.includes(`${provider}/${model}`)) throw new EvaluatorError(`the judge model \`${provider}/${model}\` is not on this workspace's allowlist`);
  const llm = createProvider(await resolveProviderConfig({ workspaceId: ctx.workspaceId, provider }));
  const result = await llm.complete({
    model,
    messages: judgeMessages(config, ctx),
    params: { temperature: 0, maxTokens: JUDGE_MAX_TOKENS, responseSchema: GRADE_SCHEMA },
    timeoutMs: env().llmTimeoutMs,
    signal: ctx.signal,
    maxOutputChars: 16_000,
  });
  const { price } = await resolvePrice({ workspaceId: ctx.workspaceId, provider, model, at: new Date() });
  const cost = price ? computeCostUsd(result.usage, price) : null;
  return { result, costUsd: cost ?? 0, costKnown: cost !== null };
}

export const llmJudgeEvaluator: EvaluatorDefinition<LlmJudgeConfig> = {
  type: 'llm-judge',
  configSchema,
  remote: true,
  async evaluate(config, ctx): Promise<EvaluatorOutcome> {
    let spent = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const { result, costUsd, costKnown } = await callJudge(config, ctx);
        spent += costUsd;
        const grade = parseGrade(result.output);
        if (!grade) throw new EvaluatorError(`the judge did not answer a score from 0 to 1 as JSON (it said ${JSON.stringify(result.output.slice(0, 120))})`, spent);
        const pass = grade.score >= config.passThreshold;
        const notes = [`score ${grade.score}`, ...(costKnown ? [] : ['judge cost unknown']), ...((config.provider ?? LOCAL_PROVIDER_ID) === LOCAL_PROVIDER_ID ? ['the built-in local model is a test stand-in: pick a real judge model for meaningful grades'] : [])];
        const reason = `${grade.reason || 'no reason given'} (${notes.join('; ')})`;
        return { pass, score: grade.score, reason, costUsd: spent };
      } catch (error) {
        if (error instanceof EvaluatorError) throw error;
        const failure = classifyRunFailure(error);
        if (failure.canceled || ctx.signal.aborted) throw new EvaluatorError('the judge was stopped', spent);
        if (!failure.retryable || attempt >= JUDGE_MAX_ATTEMPTS) {
          throw new EvaluatorError(`the judge failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${failure.code} ${failure.message}`, spent);
        }
        await sleep(retryDelayMs({ attempt, retryAfterMs: failure.retryAfterMs, baseMs: 500, capMs: 10_000 }), undefined, { signal: ctx.signal }).catch(() => {});
      }
    }
  },
};
