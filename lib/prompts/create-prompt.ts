import 'server-only';
import { getPromptWithCurrentVersion, insertPromptWithVersion } from '@/db/queries/prompts';
import { isUniqueViolation } from '@/db/queries/errors';
import { ApiError } from '@/lib/api/errors';
import { announceVersionCreated } from '@/lib/webhooks/announce';
import type { NewPromptInput } from './schemas';
import { availableSlug, slugify } from './slug';
import { versionContent } from './version-content';
import { toPromptView, type PromptView } from './views';

export const slugTaken = (slug: string) =>
  new ApiError('CONFLICT', `slug \`${slug}\` is already used by another prompt in this workspace: choose another`, {
    fields: [{ path: 'slug', message: 'is already used by another prompt' }],
  });

/** Creates a prompt and its version 1; without a slug one is derived from the title and made unique. */
export async function createPrompt(args: { workspaceId: string; userId: string; input: NewPromptInput }): Promise<PromptView> {
  const { input, workspaceId, userId } = args;
  const content = versionContent(input, null);
  const slug = input.slug ?? (await availableSlug(workspaceId, slugify(input.title)));
  try {
    const prompt = await insertPromptWithVersion({
      prompt: { workspaceId, title: input.title, slug, description: input.description ?? '', tags: input.tags ?? [], createdBy: userId },
      content,
    });
    const row = await getPromptWithCurrentVersion({ id: prompt.id, workspaceId });
    if (!row) throw new Error('a prompt just created could not be read back');
    announceVersionCreated({ workspaceId, promptId: prompt.id, slug, versionNumber: 1, authorId: userId });
    return toPromptView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}
