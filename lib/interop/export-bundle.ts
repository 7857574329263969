import 'server-only';
import { listDatasetsForExport, listPromptsForExport, listPromptRunsForExport } from '@/db/queries/interop';
import { isUuid } from '@/lib/ids';
import { BUNDLE_FORMAT, type Bundle, type BundlePrompt } from './bundle';

type PromptRows = Awaited<ReturnType<typeof listPromptsForExport>>[number];

/** Most runs a prompt export carries (newest first); the answer says so when there were more. */
export const MAX_EXPORT_RUNS = 1000;

export function toBundlePrompt({ prompt, versions, labels, deployments }: PromptRows): BundlePrompt {
  const index = new Map(deployments.map((d, i) => [d.deployment.id, i]));
  return {
    slug: prompt.slug,
    title: prompt.title,
    description: prompt.description,
    tags: prompt.tags,
    versions: versions.map(({ version: v, authorName, authorEmail }) => ({
      versionNumber: v.versionNumber,
      systemPrompt: v.systemPrompt,
      userPrompt: v.userPrompt,
      messages: v.messages,
      variables: v.variables,
      model: v.model,
      notes: v.notes,
      createdAt: v.createdAt.toISOString(),
      restoredFrom: v.restoredFrom,
      author: authorName || authorEmail ? { name: authorName, email: authorEmail } : null,
    })),
    labels: labels.map((l) => ({ name: l.name, targets: l.targets, protected: l.protected })),
    deployments: deployments.map(({ deployment: d, actorName, actorEmail }) => ({
      label: d.label,
      action: d.action,
      from: d.fromTargets,
      to: d.toTargets,
      note: d.note,
      actor: actorName || actorEmail ? { name: actorName, email: actorEmail } : null,
      rollbackOf: d.rollbackOf ? (index.get(d.rollbackOf) ?? null) : null,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

/** The whole workspace as one bundle: every live prompt with its history, every dataset with its items. */
export async function exportWorkspaceBundle({ workspaceId, workspaceName }: { workspaceId: string; workspaceName: string }): Promise<Bundle> {
  const [promptRows, datasetRows] = await Promise.all([listPromptsForExport({ workspaceId }), listDatasetsForExport({ workspaceId })]);
  return {
    format: BUNDLE_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    workspace: { name: workspaceName },
    prompts: promptRows.map(toBundlePrompt),
    datasets: datasetRows.map(({ dataset, items }) => ({
      name: dataset.name,
      description: dataset.description,
      items: items.map((i) => ({ input: i.input, expected: i.expected ?? null, metadata: i.metadata })),
    })),
  };
}

/** One prompt as a bundle (importable as is); with runs, its newest MAX_EXPORT_RUNS runs ride along. */
export async function exportPromptBundle(args: { workspaceId: string; workspaceName: string; promptId: string; runs: boolean }) {
  if (!isUuid(args.promptId)) return null;
  const [rows] = await listPromptsForExport({ workspaceId: args.workspaceId, promptId: args.promptId });
  if (!rows) return null;
  const prompt: BundlePrompt = toBundlePrompt(rows);
  if (args.runs) {
    const found = await listPromptRunsForExport({ workspaceId: args.workspaceId, promptId: args.promptId, limit: MAX_EXPORT_RUNS + 1 });
    prompt.runs = {
      cap: MAX_EXPORT_RUNS,
      truncated: found.length > MAX_EXPORT_RUNS,
      items: found.slice(0, MAX_EXPORT_RUNS).map((r) => ({
        versionNumber: r.versionNumber,
        label: r.label,
        status: r.status,
        provider: r.provider,
        model: r.model,
        variables: r.variables,
        output: r.output,
        latencyMs: r.latencyMs,
        costUsd: r.costUsd,
        usage: r.usage,
        errorCode: r.errorCode,
        experimentId: r.experimentId,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }
  const bundle: Bundle = { format: BUNDLE_FORMAT, version: 1, exportedAt: new Date().toISOString(), workspace: { name: args.workspaceName }, prompts: [prompt], datasets: [] };
  return bundle;
}
