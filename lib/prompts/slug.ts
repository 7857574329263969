import 'server-only';
import { listSlugsLike } from '@/db/queries/prompts';

/** A readable slug from a title; non-Latin titles fall back to `prompt`. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'prompt';
}

/** `base`, or `base-2`, `base-3`… whichever is free among the workspace's live prompts. */
export async function availableSlug(workspaceId: string, base: string): Promise<string> {
  const taken = new Set(await listSlugsLike({ workspaceId, base }));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
