import 'server-only';
import { getRunById, linkDraftRunToVersion } from '@/db/queries/runs';
import { ApiError, notFound } from '@/lib/api/errors';
import { saveVersion } from '@/lib/prompts/save-version';
import { simpleForm } from '@/lib/prompts/version-messages';
import type { VersionView } from '@/lib/prompts/views';
import type { SaveRunVersionInput } from './schemas';

const alreadySaved = (versionNumber: number | null) =>
  new ApiError('CONFLICT', versionNumber ? `This draft run was already saved as version ${versionNumber}` : 'This draft run was already saved as a version');

/**
 * "Save as version": a draft run's template becomes the prompt's next version, by the rules of any save (409 on a
 * stale base), and the run is linked to it in the same transaction. The run stays a draft run in the histories.
 */
export async function saveRunAsVersion(args: {
  runId: string;
  workspaceId: string;
  userId: string;
  input: SaveRunVersionInput;
}): Promise<VersionView> {
  const run = await getRunById({ id: args.runId, workspaceId: args.workspaceId });
  if (!run) throw notFound('Run');
  if (!run.draft || !run.template) {
    throw new ApiError('CONFLICT', `Only a draft run can be saved as a version: this run is of version ${run.versionNumber}`);
  }
  if (run.promptVersionId) throw alreadySaved(run.versionNumber);
  // The template's model is what the run used, per-run overrides included: the playground's winner is saved.
  const { messages, variables, model } = run.template;
  // [system, user] goes back to the simple form the editor most likely had; anything else stays a chat template.
  const templates = simpleForm(messages) ?? { messages };
  return saveVersion({
    promptId: run.promptId,
    workspaceId: args.workspaceId,
    userId: args.userId,
    input: {
      ...templates,
      variables,
      model,
      notes: args.input.notes ?? `Saved from draft run ${run.id.slice(0, 8)}`,
      baseVersionNumber: args.input.baseVersionNumber,
    },
    after: async (tx, version) => {
      const linked = await linkDraftRunToVersion(tx, { id: run.id, workspaceId: args.workspaceId, versionId: version.id, versionNumber: version.versionNumber });
      if (!linked) throw alreadySaved(null);
    },
  });
}
