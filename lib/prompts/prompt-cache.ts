import 'server-only';
import { getPromptWithCurrentVersion, type PromptWithVersionRow } from '@/db/queries/prompts';
import { env } from '@/lib/env';
import { sharedMemoryCache } from '@/lib/memory-cache';

/*
 * The prompt with its current version, as the prompt GET and run creation read it, kept per instance on the
 * embedded database only. PGlite admits one process, so every write to a prompt passes through this one and drops
 * its entry (forgetPrompt, from the lib/prompts services): a cached read is never stale. On a shared database other
 * instances write too, so every read goes to it.
 */
const PROMPT_TTL_MS = 60_000;

const prompts = sharedMemoryCache<PromptWithVersionRow>('prompts:with-current-version', { maxEntries: 1000, ttlMs: PROMPT_TTL_MS });

const keyOf = (workspaceId: string, id: string) => `${workspaceId}\n${id}`;

export async function readPromptWithCurrentVersion({ id, workspaceId }: { id: string; workspaceId: string }): Promise<PromptWithVersionRow | null> {
  if (env().database.driver !== 'pglite') return getPromptWithCurrentVersion({ id, workspaceId });
  const key = keyOf(workspaceId, id);
  const hit = prompts.get(key);
  if (hit) return hit;
  const ticket = prompts.ticket();
  const row = await getPromptWithCurrentVersion({ id, workspaceId });
  if (row) prompts.set(key, row, ticket);
  return row;
}

/** After any write to the prompt (metadata, a new or restored version, deletion). */
export function forgetPrompt({ id, workspaceId }: { id: string; workspaceId: string }): void {
  const key = keyOf(workspaceId, id);
  prompts.forget((_, k) => k === key);
}
