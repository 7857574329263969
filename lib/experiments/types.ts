import type { EvaluatorSpec } from '@/lib/evaluators/types';

/** A variant as the experiment runs it: everything resolved at creation, so later saves change nothing. */
export type ResolvedVariant = {
  index: number;
  label: string;
  promptId: string;
  promptTitle: string;
  versionId: string;
  versionNumber: number;
  provider: string;
  model: string;
  /** The version's model settings without provider/model, with the variant's `params` merged over them. */
  params: Record<string, unknown>;
};

/** experiments.config: the creation input, normalised. Webhook secrets are stored as `secretEncrypted`. */
export type ExperimentConfig = {
  variants: ResolvedVariant[];
  evaluators: EvaluatorSpec[];
  repeats: number;
  concurrency: number;
  budgetUsd: number | null;
  cache: boolean;
  /** A cell passes when its weighted score reaches this; null: every evaluator must pass. */
  threshold: number | null;
};

export type Interval = { low: number; high: number };

/** Per variant (GET /experiments/{id} → summary[]); rates and scores leave errored and pending cells out. */
export type VariantSummary = {
  variant: number;
  label: string;
  promptId: string;
  versionNumber: number;
  provider: string;
  model: string;
  cells: number;
  /** Succeeded cells with a pass/fail result (the denominator of passRate). */
  scored: number;
  passed: number;
  failed: number;
  /** Calls that failed after their retries, plus cells whose evaluators errored. */
  errored: number;
  canceled: number;
  pending: number;
  reused: number;
  passRate: number | null;
  /** 95% Wilson interval. */
  passRateCi: Interval | null;
  meanScore: number | null;
  /** 95% percentile bootstrap interval, seeded from the experiment id (same data, same interval). */
  meanScoreCi: Interval | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  tokens: { input: number; output: number; total: number };
  costUsd: number;
  judgeCostUsd: number;
  /** costUsd over the items with at least one succeeded cell. */
  costPerItemUsd: number | null;
  /** Succeeded cells whose cost is unknown (no price): costUsd leaves them out. */
  unknownCostCells: number;
  /** With repeats > 1: items whose scored repeats disagree on pass, and their share of the items with ≥ 2. */
  flakyItems: number | null;
  flakyShare: number | null;
};

export type Verdict = 'a_better' | 'b_better' | 'inconclusive';

/** GET /experiments/{id}/compare?a=&b=, paired by (item, repeat) where both cells are scored. */
export type VariantComparison = {
  a: number;
  b: number;
  pairs: number;
  passRate: { a: number | null; b: number | null; diff: number | null; ci: Interval | null };
  score: { a: number | null; b: number | null; diff: number | null; ci: Interval | null };
  /** Exact McNemar on the discordant pairs: `aOnly` = a passed and b failed. */
  mcnemar: { aOnly: number; bOnly: number; pValue: number | null };
  verdict: Verdict;
  /** One sentence: why this verdict. */
  reason: string;
  /** The smallest pass-rate difference this many pairs could detect (α 0.05, power 0.8). */
  minDetectableDiff: number | null;
};

export type ExperimentProgress = { total: number; succeeded: number; errored: number; canceled: number; pending: number };
