import type { components } from '../generated/api.js';
import { listAll, type Api } from './api.js';
import { ApiRequestError, CliError } from './errors.js';
import type { LabelSummary, ServerPrompt } from './prompt-file.js';

type PromptListItem = Pick<components['schemas']['PromptListItem'], 'id' | 'slug'>;

/** The prompt with this slug, or null; the list's `q` matches slugs by substring, so the exact one is picked. */
export async function findPromptBySlug(api: Api, slug: string): Promise<ServerPrompt | null> {
  const items = await listAll<PromptListItem>(api, '/api/v1/prompts', { q: slug, limit: 100 }, 1000);
  const match = items.find((p) => p.slug === slug);
  return match ? api.get<ServerPrompt>(`/api/v1/prompts/${match.id}`) : null;
}

export async function requirePromptBySlug(api: Api, slug: string): Promise<ServerPrompt> {
  const prompt = await findPromptBySlug(api, slug);
  if (!prompt) throw new CliError(`no prompt with slug \`${slug}\` in this workspace`, { hint: 'promptlab pull lists them into files' });
  return prompt;
}

export async function listPromptIds(api: Api): Promise<PromptListItem[]> {
  return listAll<PromptListItem>(api, '/api/v1/prompts', { limit: 100 });
}

/** Labels are informative in a pulled file: a server without the labels API still pulls. */
export async function listLabels(api: Api, promptId: string): Promise<LabelSummary[]> {
  try {
    return await api.get<LabelSummary[]>(`/api/v1/prompts/${promptId}/labels`);
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return [];
    throw error;
  }
}
