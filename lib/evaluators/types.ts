import type { z } from 'zod';
import type { Usage } from '@/lib/llm/usage';

/** One evaluator as the experiment lists it (config checked against its type's schema on creation). */
export type EvaluatorSpec = {
  type: string;
  config: Record<string, unknown>;
  /** Shown in results; defaults to the type (with a number when a type repeats). */
  name?: string;
  /** Weight in the cell's weighted score; default 1. */
  weight?: number;
  /** This evaluator passes when its score reaches this; default: the evaluator's own pass rule. */
  threshold?: number;
  /** Inverts pass and score (score becomes 1 − score). */
  not?: boolean;
};

/** What a cell offers its evaluators. `vars` is the item's input plus `expected`, for `{{…}}` in configs. */
export type EvalContext = {
  output: string;
  expected: unknown;
  vars: Record<string, unknown>;
  item: { id: string; input: Record<string, unknown>; expected: unknown; metadata: Record<string, unknown> };
  latencyMs: number | null;
  costUsd: number | null;
  usage: Usage | null;
  toolCalls: { id: string; name: string; arguments: string }[] | null;
  run: { id: string | null; provider: string; model: string };
  workspaceId: string;
  experimentId: string;
  cellId: string;
  /** Aborted when the experiment is canceled or the evaluator's time is up. */
  signal: AbortSignal;
};

/** An evaluator's verdict; throwing means `error` (never `fail`). `costUsd` is what it spent (a judge's call). */
export type EvaluatorOutcome = { pass: boolean; score: number; reason: string; costUsd?: number };

/** One stored result on a cell. `status: 'error'` has pass and score null and the error as its reason. */
export type EvaluatorResult = {
  evaluator: string;
  type: string;
  status: 'pass' | 'fail' | 'error';
  pass: boolean | null;
  score: number | null;
  reason: string;
  weight: number;
  costUsd?: number;
};

/** One file per type under lib/evaluators/, registered in lib/evaluators/registry.ts. */
export type EvaluatorDefinition<Config = unknown> = {
  type: string;
  /** Checked on creation; paths in its errors become `evaluators.N.config.<path>`. */
  configSchema: z.ZodType<Config>;
  /** Needs the network or a model (judge, webhook): run after the cheap ones, with a timeout. */
  remote?: boolean;
  evaluate(config: Config, ctx: EvalContext): Promise<EvaluatorOutcome>;
};
