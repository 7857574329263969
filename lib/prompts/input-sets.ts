import 'server-only';
import { deleteInputSet, listInputSets, upsertInputSet } from '@/db/queries/prompt-input-sets';
import type { PromptInputSet } from '@/db/schema';
import { ApiError, notFound } from '@/lib/api/errors';
import { MAX_INPUT_SETS, type SaveInputSetInput } from './input-set-schema';

/** A saved set of variable values, as the API answers it. */
export type InputSetView = Omit<PromptInputSet, 'workspaceId'>;

type PromptArgs = { promptId: string; workspaceId: string };

const toView = ({ workspaceId: _workspaceId, ...set }: PromptInputSet): InputSetView => set;

export async function listInputSetViews(args: PromptArgs): Promise<InputSetView[]> {
  const sets = await listInputSets(args);
  if (!sets) throw notFound('Prompt');
  return sets.map(toView);
}

/** Saves by name: `created` is false when a set of that name was replaced. */
export async function saveInputSet(args: PromptArgs & { userId: string; input: SaveInputSetInput }): Promise<{ set: InputSetView; created: boolean }> {
  const result = await upsertInputSet({ ...args, ...args.input, createdBy: args.userId, maxSets: MAX_INPUT_SETS });
  if (result === null) throw notFound('Prompt');
  if (result === 'full') {
    throw new ApiError('INVALID_INPUT', `This prompt already has ${MAX_INPUT_SETS} saved input sets. Delete one, or save under an existing name to replace it.`, {
      fields: [{ path: 'name', message: `A prompt keeps at most ${MAX_INPUT_SETS} input sets` }],
    });
  }
  return { set: toView(result.set), created: result.created };
}

export async function removeInputSet(args: PromptArgs & { id: string }): Promise<{ id: string; deleted: true }> {
  if (!(await deleteInputSet(args))) throw notFound('Input set');
  return { id: args.id, deleted: true };
}
