import { ZodError } from 'zod';
import type { VersionContent } from '@/db/queries/prompt-versions';
import type { LabelTarget } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { MAX_DATASETS_PER_WORKSPACE } from '@/lib/datasets/datasets';
import { labelNameSchema, MAX_LABELS_PER_PROMPT, splitSchema } from '@/lib/labels/schemas';
import { itemProblem } from '@/lib/datasets/item-checks';
import { datasetItemSchema, MAX_DATASET_ITEMS } from '@/lib/datasets/schemas';
import { newVersionSchema } from '@/lib/prompts/schemas';
import { versionContent } from '@/lib/prompts/version-content';
import type { ImportSource, Skipped, SourceDeployment, SourceItem, SourcePrompt } from './source';
import { stableJson } from './stable-json';

/*
 * What an import will write, decided from the parsed file and what the workspace already has. The dry run answers
 * this plan; the real import computes it again inside its transaction and writes exactly it.
 */

export type ExistingPrompt = { id: string; slug: string; title: string; description: string; tags: string[]; versions: { versionNumber: number; content: VersionContent }[]; labels: { name: string; targets: LabelTarget[] }[] };
export type ExistingDataset = { id: string; name: string; items: SourceItem[] };
export type ImportState = { prompts: ExistingPrompt[]; datasets: ExistingDataset[]; datasetCount: number };

export type PlannedVersion = { content: VersionContent; createdAt: Date | null; versionNumber: number; create: boolean; restoredFrom: number | null };
export type PlannedLabel = { name: string; targets: LabelTarget[]; protected: boolean };
export type PlannedDeployment = Omit<SourceDeployment, 'createdAt'> & { createdAt: Date | null };
export type PlannedPrompt = {
  slug: string;
  title: string;
  description: string;
  tags: string[];
  existingId: string | null;
  versions: PlannedVersion[];
  /** Source version number → its number in this workspace. */
  numbers: Map<number, number>;
  labels: PlannedLabel[];
  deployments: PlannedDeployment[];
};
export type PlannedDataset = { name: string; description: string; existingId: string | null; items: SourceItem[] };
export type ImportPlan = { prompts: PlannedPrompt[]; datasets: PlannedDataset[]; skipped: Skipped[] };

const contentKey = (c: VersionContent) => stableJson({ s: c.systemPrompt, u: c.userPrompt, m: c.messages, v: c.variables, model: c.model });
const date = (iso: string | undefined) => (iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso) : null);

function problemOf(error: unknown): string {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return issue ? `${issue.path.length ? `\`${issue.path.join('.')}\`: ` : ''}${issue.message}` : 'is not valid';
  }
  if (error instanceof ApiError) return error.message;
  throw error;
}

function planVersions(source: SourcePrompt, existing: ExistingPrompt | null, skipped: Skipped[]) {
  const versions: PlannedVersion[] = [];
  const numbers = new Map<number, number>();
  const have = existing?.versions ?? [];
  let next = Math.max(0, ...have.map((v) => v.versionNumber)) + 1;
  for (const v of source.versions) {
    let content: VersionContent;
    try {
      const input = newVersionSchema.parse({ systemPrompt: v.systemPrompt, userPrompt: v.userPrompt, messages: v.messages, variables: v.variables, model: v.model, notes: v.notes });
      content = versionContent(input, null);
    } catch (error) {
      skipped.push({ what: `prompt \`${source.slug}\` version ${v.sourceNumber}`, why: problemOf(error) });
      continue;
    }
    const key = contentKey(content);
    // The same number with the same content first (a bundle imported again), then any version with that content.
    const match = have.find((h) => h.versionNumber === v.sourceNumber && contentKey(h.content) === key) ?? have.find((h) => contentKey(h.content) === key);
    if (match) {
      numbers.set(v.sourceNumber, match.versionNumber);
      versions.push({ content, createdAt: null, versionNumber: match.versionNumber, create: false, restoredFrom: null });
    } else {
      numbers.set(v.sourceNumber, next);
      // A restore points at the earlier version's number here (always already planned: it came before).
      const restoredFrom = v.restoredFrom ? (numbers.get(v.restoredFrom) ?? null) : null;
      versions.push({ content, createdAt: date(v.createdAt), versionNumber: next, create: true, restoredFrom });
      next += 1;
    }
  }
  return { versions, numbers };
}

const mapTargets = (targets: LabelTarget[] | null, numbers: Map<number, number>): LabelTarget[] | null | undefined => {
  if (targets === null) return null;
  const mapped = targets.map((t) => ({ versionNumber: numbers.get(t.versionNumber), weight: t.weight }));
  return mapped.every((t) => t.versionNumber !== undefined) ? (mapped as LabelTarget[]) : undefined;
};

function labelProblem(name: string, targets: LabelTarget[]): string | null {
  const named = labelNameSchema.safeParse(name);
  if (!named.success) return named.error.issues[0]?.message ?? 'is not a label name';
  if (targets.length === 1) return targets[0]?.weight === 100 ? null : 'a label on one version serves all of it (weight 100)';
  const split = splitSchema.safeParse(targets);
  return split.success ? null : (split.error.issues[0]?.message ?? 'is not a valid split');
}

const sorted = (targets: LabelTarget[]) => [...targets].sort((a, b) => a.versionNumber - b.versionNumber);

function planLabels(source: SourcePrompt, existing: ExistingPrompt | null, numbers: Map<number, number>, canProtect: boolean, skipped: Skipped[]) {
  const labels: PlannedLabel[] = [];
  let count = existing?.labels.length ?? 0;
  for (const label of source.labels) {
    const what = `label \`${label.name}\` of \`${source.slug}\``;
    const targets = mapTargets(label.targets, numbers);
    if (!targets) {
      skipped.push({ what, why: 'it points at a version that was not imported' });
      continue;
    }
    const problem = labelProblem(label.name, label.targets);
    if (problem) {
      skipped.push({ what, why: problem });
      continue;
    }
    if (labels.some((l) => l.name === label.name)) {
      skipped.push({ what, why: 'the file has this label twice for the prompt; the first is kept' });
      continue;
    }
    const current = existing?.labels.find((l) => l.name === label.name);
    if (current) {
      if (stableJson(sorted(current.targets)) !== stableJson(sorted(targets))) skipped.push({ what, why: 'the label already exists here and points elsewhere: an import never moves it; deploy it yourself' });
      continue;
    }
    if (count >= MAX_LABELS_PER_PROMPT) {
      skipped.push({ what, why: `a prompt has at most ${MAX_LABELS_PER_PROMPT} labels` });
      continue;
    }
    if (label.protected && !canProtect) skipped.push({ what, why: 'only admins protect labels: it was imported unprotected' });
    labels.push({ name: label.name, targets: sorted(targets), protected: label.protected && canProtect });
    count += 1;
  }
  return labels;
}

function planDeployments(source: SourcePrompt, existing: ExistingPrompt | null, labels: PlannedLabel[], numbers: Map<number, number>, note: string, skipped: Skipped[]): PlannedDeployment[] {
  // A new prompt keeps its history; an existing one only records the labels this import adds.
  if (!existing && source.deployments.length) {
    const out: PlannedDeployment[] = [];
    const at = new Map<number, number>();
    source.deployments.forEach((d, i) => {
      const from = mapTargets(d.from, numbers);
      const to = mapTargets(d.to, numbers);
      const what = `deployment ${i + 1} of \`${source.slug}\` (${d.label})`;
      if (from === undefined || to === undefined) return void skipped.push({ what, why: 'it involves a version that was not imported' });
      if (!labelNameSchema.safeParse(d.label).success) return void skipped.push({ what, why: 'it is for a label name PromptLab does not store' });
      at.set(i, out.length);
      out.push({ ...d, from: from && sorted(from), to: to && sorted(to), rollbackOf: d.rollbackOf === null ? null : (at.get(d.rollbackOf) ?? null), createdAt: date(d.createdAt) });
    });
    return out;
  }
  // A protected label gets its `protect` record too, as a label protected in the app has: a rollback reads it.
  return labels.flatMap((l): PlannedDeployment[] => [
    { label: l.name, action: 'move', from: null, to: l.targets, note, rollbackOf: null, createdAt: null },
    ...(l.protected ? [{ label: l.name, action: 'protect' as const, from: l.targets, to: l.targets, note: '', rollbackOf: null, createdAt: null }] : []),
  ]);
}

function planItems(items: SourceItem[], what: string, skipped: Skipped[]): SourceItem[] {
  const kept: SourceItem[] = [];
  items.forEach((item, i) => {
    const problem = itemProblem(item);
    const parsed = problem ? null : datasetItemSchema.safeParse(item);
    if (problem || !parsed?.success) {
      const message = problem ? `${problem.path ? `\`${problem.path}\`: ` : ''}${problem.message}` : problemOf(parsed?.error);
      return void skipped.push({ what: `${what} item ${i + 1}`, why: message });
    }
    kept.push({ input: parsed.data.input, expected: parsed.data.expected ?? null, metadata: parsed.data.metadata ?? {} });
  });
  if (kept.length > MAX_DATASET_ITEMS) {
    skipped.push({ what: `${what} items after ${MAX_DATASET_ITEMS}`, why: `a dataset holds at most ${MAX_DATASET_ITEMS.toLocaleString('en-US')} items` });
    return kept.slice(0, MAX_DATASET_ITEMS);
  }
  return kept;
}

const itemsKey = (items: SourceItem[]) => stableJson(items.map((i) => [i.input, i.expected ?? null, i.metadata]));

/** Decides, for every prompt, version, label and dataset of the file, whether it is created, already here, or skipped. */
export function planImport(source: ImportSource, state: ImportState, options: { canProtect: boolean }): ImportPlan {
  const skipped = [...source.skipped];
  const note = `Imported from ${source.format}`;
  const prompts: PlannedPrompt[] = [];
  for (const p of source.prompts) {
    if (prompts.some((q) => q.slug === p.slug)) {
      skipped.push({ what: `prompt \`${p.title}\``, why: `another prompt of the file has the slug \`${p.slug}\`` });
      continue;
    }
    const existing = state.prompts.find((e) => e.slug === p.slug) ?? null;
    const { versions, numbers } = planVersions(p, existing, skipped);
    if (versions.length === 0) {
      skipped.push({ what: `prompt \`${p.slug}\``, why: 'none of its versions could be imported' });
      continue;
    }
    if (existing) {
      const kept = (['title', 'description', 'tags'] as const).filter((k) => stableJson(existing[k]) !== stableJson(p[k]));
      if (kept.length) skipped.push({ what: `${kept.join(', ')} of \`${p.slug}\``, why: 'the prompt already exists here: an import adds versions and labels but keeps its details' });
      if (p.deployments.length) skipped.push({ what: `deployment history of \`${p.slug}\``, why: 'history is imported only with a new prompt; this import records only the labels it adds' });
    }
    const labels = planLabels(p, existing, numbers, options.canProtect, skipped);
    const deployments = planDeployments(p, existing, labels, numbers, note, skipped);
    prompts.push({ slug: p.slug, title: p.title, description: p.description, tags: p.tags, existingId: existing?.id ?? null, versions, numbers, labels, deployments });
  }

  const datasets: PlannedDataset[] = [];
  let count = state.datasetCount;
  for (const d of source.datasets) {
    const items = planItems(d.items, `dataset \`${d.name}\``, skipped);
    const key = itemsKey(items);
    const same = state.datasets.find((e) => (e.name === d.name || e.name.startsWith(`${d.name} (`)) && itemsKey(e.items) === key);
    if (same) {
      datasets.push({ name: same.name, description: d.description, existingId: same.id, items });
      continue;
    }
    if (count >= MAX_DATASETS_PER_WORKSPACE) {
      skipped.push({ what: `dataset \`${d.name}\``, why: `the workspace already has ${MAX_DATASETS_PER_WORKSPACE} datasets` });
      continue;
    }
    const taken = new Set([...state.datasets.map((e) => e.name), ...datasets.map((e) => e.name)]);
    let name = d.name;
    for (let n = 2; taken.has(name); n++) name = `${d.name.slice(0, 190)} (${n})`;
    datasets.push({ name, description: d.description, existingId: null, items });
    count += 1;
  }
  return { prompts, datasets, skipped };
}
