import { createHash } from 'node:crypto';
import type { LabelTarget } from '@/db/schema';

/**
 * A strong ETag for a resolved prompt: it covers everything the body is made of (the version's id, which stands
 * for its immutable content; the prompt's slug and title; the label served and its targets), so two bodies with
 * the same tag are byte-identical. A label whose split changes gets new tags even for a version it still serves.
 */
export function resolvedPromptEtag(parts: { versionId: string; slug: string; title: string; label: string | null; targets: readonly LabelTarget[] | null }): string {
  const hash = createHash('sha256').update(JSON.stringify([parts.versionId, parts.slug, parts.title, parts.label, parts.targets])).digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** If-None-Match against an ETag (RFC 9110 weak comparison, as the header requires): `*`, a list, W/ prefixes. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}
