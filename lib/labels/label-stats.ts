import 'server-only';
import { listLabelRunStats, listVersionExperimentScores } from '@/db/queries/label-stats';
import { getLabelRow } from '@/db/queries/prompt-labels';
import type { LabelTarget } from '@/db/schema';
import { notFound } from '@/lib/api/errors';
import { readPromptWithCurrentVersion } from '@/lib/prompts/prompt-cache';
import { LATEST_LABEL } from './schemas';

export type LabelVersionStats = {
  versionNumber: number;
  /** Its share of the label's traffic now; 0 for a version that served the label earlier in the window. */
  weight: number;
  runs: number;
  errors: number;
  /** Failed over finished (succeeded + failed) runs; null before any finished. */
  errorRate: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  costUsd: number;
  avgCostUsd: number | null;
  /** The version's scored experiment cells (any time, not only the window): how it did before it was deployed. */
  experimentScore: { mean: number; cells: number } | null;
};

export type LabelStatsView = { label: string; days: number; since: Date; versions: LabelVersionStats[] };

const DAY_MS = 86_400_000;

/** Compares the versions a label serves on the runs made through it in the last `days` days. */
export async function getLabelStats(args: { workspaceId: string; promptId: string; name: string; days: number; now?: Date }): Promise<LabelStatsView> {
  const { workspaceId, promptId, name } = args;
  const found = await readPromptWithCurrentVersion({ id: promptId, workspaceId });
  if (!found) throw notFound('Prompt');
  let targets: LabelTarget[];
  if (name === LATEST_LABEL) {
    targets = [{ versionNumber: found.prompt.latestVersionNumber, weight: 100 }];
  } else {
    const row = await getLabelRow({ workspaceId, promptId, name });
    if (!row) throw notFound(`Label \`${name}\``);
    targets = row.label.targets;
  }
  const since = new Date((args.now ?? new Date()).getTime() - args.days * DAY_MS);
  const runStats = new Map((await listLabelRunStats({ workspaceId, promptId, label: name, since })).map((s) => [s.versionNumber, s]));
  const earlier = [...runStats.keys()].filter((n) => !targets.some((t) => t.versionNumber === n)).sort((a, b) => b - a);
  const served = [...targets, ...earlier.map((versionNumber) => ({ versionNumber, weight: 0 }))];
  const scores = new Map(
    (await listVersionExperimentScores({ workspaceId, promptId, versionNumbers: served.map((t) => t.versionNumber) })).map((s) => [s.versionNumber, s]),
  );
  const versions = served.map(({ versionNumber, weight }): LabelVersionStats => {
    const s = runStats.get(versionNumber);
    const score = scores.get(versionNumber);
    return {
      versionNumber,
      weight,
      runs: s?.runs ?? 0,
      errors: s?.errors ?? 0,
      errorRate: s && s.finished > 0 ? s.errors / s.finished : null,
      latencyP50Ms: s?.latencyP50Ms ?? null,
      latencyP95Ms: s?.latencyP95Ms ?? null,
      costUsd: s?.costUsd ?? 0,
      avgCostUsd: s?.avgCostUsd ?? null,
      experimentScore: score ? { mean: score.mean, cells: score.cells } : null,
    };
  });
  return { label: name, days: args.days, since, versions };
}
