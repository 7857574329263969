import 'server-only';
import { applyImportPlan, inImportTransaction, loadImportState, readImportState, type AppliedImport } from '@/db/queries/interop';
import { ApiError } from '@/lib/api/errors';
import { forgetPromptDelivery } from '@/lib/delivery/invalidate';
import { parseEvaluatorSpecs } from '@/lib/evaluators/registry';
import type { EvaluatorSpec } from '@/lib/evaluators/types';
import { MAX_EVALUATORS, MAX_VARIANTS, type CreateExperimentInput } from '@/lib/experiments/schemas';
import { forgetPrompt } from '@/lib/prompts/prompt-cache';
import { afterLabelMoved } from '@/lib/labels/label-rules';
import { announceVersionCreated } from '@/lib/webhooks/announce';
import { planImport, type ImportPlan } from './import-plan';
import type { ImportSource, Skipped } from './source';

export type ImportReport = {
  dryRun: boolean;
  created: { prompts: number; versions: number; labels: number; deployments: number; datasets: number; items: number };
  existing: { prompts: number; versions: number; datasets: number };
  skipped: Skipped[];
  prompts: { id: string | null; slug: string; versionNumbers: number[] }[];
  datasets: { id: string | null; name: string; items: number }[];
  experiment: CreateExperimentInput | null;
};

/** Evaluators the experiment API would refuse are reported here, one by one, instead of failing the whole run. */
async function usableEvaluators(specs: EvaluatorSpec[], skipped: Skipped[]): Promise<EvaluatorSpec[]> {
  const kept: EvaluatorSpec[] = [];
  for (const spec of specs) {
    try {
      await parseEvaluatorSpecs([spec]);
      if (kept.length < MAX_EVALUATORS) kept.push(spec);
      else skipped.push({ what: `evaluator \`${spec.name ?? spec.type}\``, why: `an experiment has at most ${MAX_EVALUATORS} evaluators` });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      skipped.push({ what: `evaluator \`${spec.name ?? spec.type}\``, why: error.details?.fields?.[0]?.message ?? error.message });
    }
  }
  return kept;
}

function experimentOf(source: ImportSource, plan: ImportPlan, ids: { prompts: Map<string, string>; datasets: Map<string, string> }, evaluators: EvaluatorSpec[], skipped: Skipped[]): CreateExperimentInput | null {
  const draft = source.experiment;
  const dataset = plan.datasets[0];
  const datasetId = dataset && ids.datasets.get(dataset.name);
  if (!draft || !datasetId) return null;
  const variants: CreateExperimentInput['variants'] = [];
  for (const v of draft.variants) {
    const prompt = plan.prompts.find((p) => p.slug === v.promptSlug);
    const promptId = ids.prompts.get(v.promptSlug);
    const last = prompt?.versions.at(-1);
    if (!prompt || !promptId || !last) continue;
    if (variants.length >= MAX_VARIANTS) {
      skipped.push({ what: `variant ${v.label ?? `${v.promptSlug} × ${v.model ?? 'its model'}`}`, why: `an experiment has at most ${MAX_VARIANTS} variants` });
      continue;
    }
    variants.push({ promptId, versionNumber: last.versionNumber, ...(v.provider ? { provider: v.provider } : {}), ...(v.model ? { model: v.model } : {}), ...(v.params ? { params: v.params } : {}), ...(v.label ? { label: v.label } : {}) });
  }
  if (!variants.length) return null;
  return { name: draft.name, datasetId, variants, evaluators, repeats: Math.min(Math.max(draft.repeats ?? 1, 1), 20), concurrency: Math.min(Math.max(draft.concurrency ?? 10, 1), 100), cache: true };
}

function report(plan: ImportPlan, dryRun: boolean, ids: { prompts: Map<string, string>; datasets: Map<string, string> }, experiment: CreateExperimentInput | null, skipped: Skipped[]): ImportReport {
  const created = plan.prompts.filter((p) => !p.existingId);
  const newDatasets = plan.datasets.filter((d) => !d.existingId);
  return {
    dryRun,
    created: {
      prompts: created.length,
      versions: plan.prompts.reduce((n, p) => n + p.versions.filter((v) => v.create).length, 0),
      labels: plan.prompts.reduce((n, p) => n + p.labels.length, 0),
      deployments: plan.prompts.reduce((n, p) => n + p.deployments.length, 0),
      datasets: newDatasets.length,
      items: newDatasets.reduce((n, d) => n + d.items.length, 0),
    },
    existing: {
      prompts: plan.prompts.length - created.length,
      versions: plan.prompts.reduce((n, p) => n + p.versions.filter((v) => !v.create).length, 0),
      datasets: plan.datasets.length - newDatasets.length,
    },
    skipped,
    prompts: plan.prompts.map((p) => ({ id: p.existingId ?? ids.prompts.get(p.slug) ?? null, slug: p.slug, versionNumbers: [...new Set(p.versions.map((v) => v.versionNumber))] })),
    datasets: plan.datasets.map((d) => ({ id: d.existingId ?? ids.datasets.get(d.name) ?? null, name: d.name, items: d.items.length })),
    experiment,
  };
}

/**
 * Imports a parsed file: the dry run plans against the workspace as it is; the real import plans again under
 * locks in one transaction and writes exactly that plan, so nothing is ever half-written.
 */
export async function importSource(args: { workspaceId: string; userId: string | null; apiKeyId: string | null; canProtect: boolean; source: ImportSource; dryRun: boolean }): Promise<ImportReport> {
  const { source, workspaceId } = args;
  const scope = { workspaceId, slugs: source.prompts.map((p) => p.slug), datasetNames: source.datasets.map((d) => d.name) };
  const skippedEvaluators: Skipped[] = [];
  const evaluators = source.experiment ? await usableEvaluators(source.experiment.evaluators, skippedEvaluators) : [];
  if (args.dryRun) {
    const plan = planImport(source, await readImportState(scope), { canProtect: args.canProtect });
    const skipped = [...plan.skipped, ...skippedEvaluators];
    return report(plan, true, { prompts: new Map(), datasets: new Map() }, null, skipped);
  }
  const { plan, applied } = await inImportTransaction(workspaceId, async (tx) => {
    const state = await loadImportState(tx, { ...scope, lock: true });
    const planned = planImport(source, state, { canProtect: args.canProtect });
    return { plan: planned, applied: await applyImportPlan(tx, { workspaceId, userId: args.userId, apiKeyId: args.apiKeyId, plan: planned }) };
  });
  const ids = { prompts: applied.promptIds, datasets: applied.datasetIds };
  await announce(workspaceId, args.userId, plan, applied);
  const skipped = [...plan.skipped, ...skippedEvaluators];
  return report(plan, false, ids, experimentOf(source, plan, ids, evaluators, skipped), skipped);
}

/** After the commit: caches forget the touched prompts; webhooks hear of new versions and of the labels this import moved. */
async function announce(workspaceId: string, userId: string | null, plan: ImportPlan, applied: AppliedImport) {
  for (const p of plan.prompts) {
    const promptId = applied.promptIds.get(p.slug);
    if (!promptId) continue;
    forgetPrompt({ id: promptId, workspaceId });
    forgetPromptDelivery(workspaceId, promptId);
  }
  for (const v of applied.createdVersions) announceVersionCreated({ workspaceId, promptId: v.promptId, versionNumber: v.versionNumber, authorId: userId, slug: v.slug });
  for (const m of applied.labelMoves) await afterLabelMoved({ workspaceId, prompt: { id: m.promptId, slug: m.slug }, deployment: m.deployment });
}
