import 'server-only';
import { createHash } from 'node:crypto';

export type CellHashParts = {
  /** The version's content: what it renders and the variables it declares. */
  version: { systemPrompt: string; userPrompt: string; messages: unknown; variables: unknown };
  provider: string;
  model: string;
  params: Record<string, unknown>;
  input: Record<string, unknown>;
  repeat: number;
};

/**
 * A cell's content hash, built in two steps (the variant's part is serialized once; each cell adds its input and
 * repeat): equal hashes mean the same call (same content, model, settings, item input and repeat), so a rerun may
 * reuse the earlier result. Key order never matters (canonical JSON).
 */
export function variantHasher(parts: Omit<CellHashParts, 'input' | 'repeat'>): (input: Record<string, unknown>, repeat: number) => string {
  const { version, provider, model, params } = parts;
  const content = { systemPrompt: version.systemPrompt, userPrompt: version.userPrompt, messages: version.messages ?? null, variables: version.variables };
  const prefix = JSON.stringify(canonical({ v: 1, content, provider, model, params }));
  return (input, repeat) => createHash('sha256').update(`${prefix}\n${JSON.stringify(canonical(input))}\n${repeat}`).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonical(item)));
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = canonical(member);
  }
  return sorted;
}
