import { z } from 'zod';
import type { ModelWarning } from '@/lib/llm/model-warnings';
import type { CostBreakdown } from '@/lib/llm/prices/price-types';
import { usageSchema } from '@/lib/llm/usage';
import type { RunView, RunWithTitleView } from '@/lib/runs/run-view';
import { runStatusSchema } from '@/lib/runs/statuses';
import { modelConfigView, templateMessageView, variableDefView } from './prompts';
import { describes, isoDate, jsonObject, uuid } from './shared';

export const runStatusView = runStatusSchema.meta({ id: 'RunStatus' });
export const usageView = usageSchema.meta({ id: 'Usage', description: 'Token counts; `estimated` when the provider reported none' });

const chatMessage = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });

const priceSource = z
  .union([
    z.object({
      kind: z.literal('table'),
      tableVersion: z.string(),
      entry: z
        .object({ model: z.string(), effectiveFrom: z.string(), source: z.string(), checkedOn: z.string() })
        .optional()
        .meta({ description: "The table entry used: its model pattern, effective day, source page and the day it was checked; absent on runs priced before entries carried a source" }),
    }),
    z.object({ kind: z.literal('workspace'), priceId: z.string(), effectiveFrom: z.string() }),
  ])
  .meta({ id: 'PriceSource', description: "Where costUsd's price came from" });

const tokenClass = z.enum(['input', 'cachedInput', 'cacheWrite', 'cacheWrite1h', 'output']).meta({
  description: 'input: uncached prompt tokens; cachedInput: cache reads; cacheWrite: cache writes (Anthropic: 5-minute); cacheWrite1h: 1-hour cache writes',
});

const costBreakdownView = describes<CostBreakdown>()(
  z
    .object({
      lines: z.array(z.object({ tokenClass, tokens: z.int(), perMTok: z.number().meta({ description: 'USD per million tokens' }), usd: z.number() })),
      tier: z.object({ aboveInputTokens: z.int() }).nullable().meta({ description: 'The prompt-length tier the request was billed at; null at the base rates' }),
      estimated: z.boolean().meta({ description: 'The provider reported no usage: tokens were counted with a tokenizer' }),
      reasoningUncounted: z.boolean().meta({ description: "An estimate of a reasoning model's run: its hidden reasoning tokens are not counted, so the cost is low" }),
    })
    .meta({ id: 'CostBreakdown', description: 'How costUsd was computed: each token class × its price' }),
);

const modelWarningView = describes<ModelWarning>()(
  z
    .object({
      code: z.enum(['MODEL_RETIRED', 'MODEL_RETIRING']),
      message: z.string(),
      provider: z.string(),
      model: z.string(),
      retiresOn: z.string().meta({ format: 'date', description: 'The day the provider shuts (or shut) the model down' }),
      replacement: z.string().nullable().meta({ description: "The provider's recommended replacement" }),
    })
    .meta({ id: 'ModelWarning' }),
);

export const runViewSchema = describes<RunView>()(
  z
    .object({
      id: uuid,
      promptId: uuid,
      versionNumber: z.int().nullable().meta({ description: 'Null for a draft run until it is saved as a version' }),
      label: z.string().nullable().meta({ description: 'The label that served versionNumber, for a run made through one' }),
      draft: z.boolean(),
      template: z
        .object({ messages: z.array(templateMessageView), variables: z.array(variableDefView), model: modelConfigView })
        .nullable()
        .meta({ description: 'What a draft run rendered; null for a run of a version' }),
      status: runStatusView,
      provider: z.string(),
      model: z.string(),
      params: jsonObject,
      variables: jsonObject,
      messages: z.array(chatMessage).meta({ description: 'The rendered messages sent to the model' }),
      output: z.string().nullable(),
      outputTruncated: z.boolean(),
      toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })).nullable(),
      outputCheck: z.object({ valid: z.boolean(), errors: z.array(z.string()) }).nullable(),
      usage: usageView.nullable(),
      costUsd: z.number().nullable(),
      priceSource: priceSource.nullable(),
      costBreakdown: costBreakdownView.nullable().meta({ description: 'Null when the price is unknown, and on runs from before breakdowns were stored' }),
      warnings: z.array(modelWarningView).meta({ description: 'The model is retired or retires within 30 days, as of this answer' }),
      latencyMs: z.int().nullable(),
      ttftMs: z.int().nullable(),
      cached: z.boolean(),
      sourceRunId: uuid.nullable(),
      experimentId: uuid.nullable(),
      attempts: z.int(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
      createdAt: isoDate,
      startedAt: isoDate.nullable(),
      finishedAt: isoDate.nullable(),
    })
    .meta({ id: 'RunView' }),
);

export const runWithTitleSchema = describes<RunWithTitleView>()(
  runViewSchema.extend({ promptTitle: z.string().nullable() }).meta({ id: 'RunWithTitle' }),
);

export const runAcceptedSchema = z.object({ id: uuid, status: runStatusView }).meta({ id: 'RunAccepted' });
