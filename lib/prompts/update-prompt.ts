import 'server-only';
import { getPromptWithCurrentVersion, updatePromptRow } from '@/db/queries/prompts';
import { isUniqueViolation } from '@/db/queries/errors';
import { notFound } from '@/lib/api/errors';
import { forgetPromptDelivery } from '@/lib/delivery/invalidate';
import { slugTaken } from './create-prompt';
import { forgetPrompt } from './prompt-cache';
import type { UpdatePromptInput } from './schemas';
import { toPromptView, type PromptView } from './views';

/** Changes a prompt's metadata; content changes are new versions. */
export async function updatePrompt(args: { id: string; workspaceId: string; input: UpdatePromptInput }): Promise<PromptView> {
  try {
    const updated = await updatePromptRow({ id: args.id, workspaceId: args.workspaceId, patch: args.input });
    if (!updated) throw notFound('Prompt');
  } catch (error) {
    if (isUniqueViolation(error) && args.input.slug) throw slugTaken(args.input.slug);
    throw error;
  } finally {
    forgetPrompt({ id: args.id, workspaceId: args.workspaceId });
    forgetPromptDelivery(args.workspaceId, args.id); // the slug or title apps resolve
  }
  const row = await getPromptWithCurrentVersion({ id: args.id, workspaceId: args.workspaceId });
  if (!row) throw notFound('Prompt');
  return toPromptView(row);
}
