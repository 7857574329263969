import 'server-only';
import { getPromptIdBySlug } from '@/db/queries/prompts';
import { ApiError } from '@/lib/api/errors';
import { createPrompt } from './create-prompt';
import { saveInputSet } from './input-sets';
import { getPrompt } from './read-prompts';
import { SAMPLE_INPUT_SETS, SAMPLE_PROMPT, SAMPLE_PROMPT_SLUG } from './sample-prompt';
import { newPromptSchema } from './schemas';
import type { PromptView } from './views';

/**
 * The workspace's sample prompt: the live one with the sample slug when there is one (so a second click, or a
 * second `npm run db:seed`, adds nothing), else a new one with its saved input sets.
 */
export async function ensureSamplePrompt(args: { workspaceId: string; userId: string }): Promise<{ prompt: PromptView; created: boolean }> {
  const { workspaceId, userId } = args;
  const existing = await getPromptIdBySlug({ workspaceId, slug: SAMPLE_PROMPT_SLUG });
  if (existing) return { prompt: await getPrompt({ id: existing, workspaceId }), created: false };
  let prompt: PromptView;
  try {
    prompt = await createPrompt({ workspaceId, userId, input: newPromptSchema.parse(SAMPLE_PROMPT) });
  } catch (error) {
    // Two clicks at once: the other request made it.
    const made = error instanceof ApiError && error.code === 'CONFLICT' ? await getPromptIdBySlug({ workspaceId, slug: SAMPLE_PROMPT_SLUG }) : null;
    if (!made) throw error;
    return { prompt: await getPrompt({ id: made, workspaceId }), created: false };
  }
  for (const input of SAMPLE_INPUT_SETS) await saveInputSet({ promptId: prompt.id, workspaceId, userId, input });
  return { prompt, created: true };
}
