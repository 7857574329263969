import { z } from 'zod';
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
    z.object({ kind: z.literal('table'), tableVersion: z.string() }),
    z.object({ kind: z.literal('workspace'), priceId: z.string(), effectiveFrom: z.string() }),
  ])
  .meta({ id: 'PriceSource', description: "Where costUsd's price came from" });

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
