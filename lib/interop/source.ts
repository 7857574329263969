import type { LabelTarget } from '@/db/schema';
import type { EvaluatorSpec } from '@/lib/evaluators/types';
import type { ModelConfig, TemplateMessage } from '@/lib/prompts/schemas';
import type { VariableDef } from '@/lib/templates/variable-schema';

/*
 * What every importer turns its file into: prompts with versions and labels, datasets with items, what it could
 * not carry over, and (promptfoo) an experiment to run. The planner compares this with the workspace.
 */

export const IMPORT_FORMATS = ['promptlab', 'promptfoo', 'langfuse', 'openai'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type Skipped = { what: string; why: string };

export type SourceVersion = {
  /** The number it had in the source (labels and deployments refer to it). */
  sourceNumber: number;
  systemPrompt?: string;
  userPrompt?: string;
  messages?: TemplateMessage[];
  variables?: VariableDef[];
  model?: ModelConfig;
  notes: string;
  createdAt?: string;
  /** Source number of the version this one restored. */
  restoredFrom?: number | null;
};

export type SourceLabel = { name: string; targets: LabelTarget[]; protected: boolean };

export type SourceDeployment = {
  label: string;
  action: 'move' | 'rollback' | 'delete' | 'protect' | 'unprotect';
  from: LabelTarget[] | null;
  to: LabelTarget[] | null;
  note: string;
  createdAt?: string;
  /** Index in the prompt's deployment list of the deployment it undid. */
  rollbackOf: number | null;
};

export type SourcePrompt = {
  slug: string;
  title: string;
  description: string;
  tags: string[];
  versions: SourceVersion[];
  labels: SourceLabel[];
  deployments: SourceDeployment[];
};

export type SourceItem = { input: Record<string, unknown>; expected: unknown; metadata: Record<string, unknown> };
export type SourceDataset = { name: string; description: string; items: SourceItem[] };

/** An experiment over the imported prompts and the first dataset; ids are filled in once they exist. */
export type SourceExperiment = {
  name: string;
  variants: { promptSlug: string; provider?: string; model?: string; params?: Record<string, unknown>; label?: string }[];
  evaluators: EvaluatorSpec[];
  repeats?: number;
  concurrency?: number;
};

export type ImportSource = {
  format: ImportFormat;
  prompts: SourcePrompt[];
  datasets: SourceDataset[];
  skipped: Skipped[];
  experiment: SourceExperiment | null;
};
