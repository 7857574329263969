import 'server-only';
import { deletePrompt } from '@/db/queries/prompts';
import { notFound } from '@/lib/api/errors';
import { forgetPromptDelivery } from '@/lib/delivery/invalidate';
import { forgetPrompt } from './prompt-cache';

/** Hides a prompt (its versions stay as history); 404 when there is no such live prompt. */
export async function removePrompt({ id, workspaceId }: { id: string; workspaceId: string }): Promise<{ id: string; deleted: true }> {
  const deleted = await deletePrompt({ id, workspaceId }).finally(() => {
    forgetPrompt({ id, workspaceId });
    forgetPromptDelivery(workspaceId, id);
  });
  if (!deleted) throw notFound('Prompt');
  return { id, deleted: true };
}
