import type { ModelConfig } from '@/lib/prompts/schemas';
import { slugify } from '@/lib/prompts/slug';
import { labelName, readModelParams } from './model-params';
import { toTemplateMessages } from './prompt-text';
import { invalidFile, isRecord, readStructured } from './read-file';
import type { ImportSource, Skipped, SourceLabel, SourcePrompt, SourceVersion } from './source';

/*
 * Langfuse prompts as its API returns them (GET /api/public/v2/prompts/{name}?version=N): one object per version
 * with name, version, type text|chat, prompt, config, labels, tags, commitMessage. A file holds one, a list of them,
 * or `{ data: [...] }`. List entries without content (GET /api/public/v2/prompts) are reported.
 */

// Langfuse's own bookkeeping (id, projectId, createdBy…) is known and not reported.
const VERSION_KEYS = new Set(['id', 'name', 'version', 'type', 'prompt', 'config', 'labels', 'tags', 'commitMessage', 'createdAt', 'updatedAt', 'createdBy', 'projectId', 'isActive', 'resolutionGraph']);

function modelOf(config: unknown, what: string, skipped: Skipped[]): ModelConfig | undefined {
  if (!isRecord(config)) return undefined;
  const { model, provider, ...rest } = config;
  const params = readModelParams(rest, `${what} config`, skipped);
  if (typeof model !== 'string' || !model.trim()) {
    if (Object.keys(params).length) skipped.push({ what: `${what} config`, why: 'the config names no `model`, so its settings have no model to go with; the version keeps the default model' });
    return undefined;
  }
  const providerId = typeof provider === 'string' && provider.trim() ? provider.trim().toLowerCase() : model.startsWith('claude') ? 'anthropic' : 'openai';
  return { provider: providerId, model: model.trim(), ...params };
}

function readVersion(raw: Record<string, unknown>, what: string, skipped: Skipped[]): SourceVersion | null {
  for (const key of Object.keys(raw)) if (!VERSION_KEYS.has(key)) skipped.push({ what: `${what}.${key}`, why: 'PromptLab versions have no such field' });
  const version = raw.version as number;
  const notes = typeof raw.commitMessage === 'string' ? raw.commitMessage.slice(0, 2000) : '';
  const model = modelOf(raw.config, what, skipped);
  const createdAt = typeof raw.createdAt === 'string' ? raw.createdAt : undefined;
  if (raw.type === 'chat' || Array.isArray(raw.prompt)) {
    const messages = Array.isArray(raw.prompt) ? toTemplateMessages(raw.prompt, `${what}.prompt`, skipped) : null;
    return messages ? { sourceNumber: version, messages, notes, ...(model ? { model } : {}), ...(createdAt ? { createdAt } : {}) } : null;
  }
  if (typeof raw.prompt !== 'string' || raw.prompt.trim() === '') {
    skipped.push({ what, why: 'a text prompt needs its `prompt` text' });
    return null;
  }
  return { sourceNumber: version, userPrompt: raw.prompt, notes, ...(model ? { model } : {}), ...(createdAt ? { createdAt } : {}) };
}

/** Parses Langfuse prompt JSON (or YAML of the same shape). */
export function parseLangfuse(text: string): ImportSource {
  const root = readStructured(text, { yaml: true });
  const list = Array.isArray(root) ? root : isRecord(root) && Array.isArray(root.data) ? root.data : isRecord(root) ? [root] : null;
  if (!list || !list.every(isRecord) || !list.some((p) => typeof p.name === 'string')) {
    throw invalidFile('this is not Langfuse prompt JSON: send the prompt objects its API returns (name, version, type, prompt), one or a list');
  }
  const skipped: Skipped[] = [];
  const byName = new Map<string, Record<string, unknown>[]>();
  list.forEach((raw, i) => {
    const name = typeof raw.name === 'string' ? raw.name : null;
    if (!name) return void skipped.push({ what: `prompt ${i + 1}`, why: 'it has no `name`' });
    if (!('prompt' in raw) && Array.isArray(raw.versions)) {
      return void skipped.push({ what: `prompt \`${name}\``, why: 'this is a list entry without the prompt text: fetch each version with GET /api/public/v2/prompts/{name}?version=N' });
    }
    if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) return void skipped.push({ what: `prompt \`${name}\``, why: 'it has no version number' });
    byName.set(name, [...(byName.get(name) ?? []), raw]);
  });

  const prompts: SourcePrompt[] = [];
  for (const [name, raws] of byName) {
    raws.sort((a, b) => (a.version as number) - (b.version as number));
    const versions: SourceVersion[] = [];
    const labels = new Map<string, SourceLabel>();
    const tags = new Set<string>();
    for (const raw of raws) {
      const what = `prompt \`${name}\` v${String(raw.version)}`;
      if (versions.some((v) => v.sourceNumber === raw.version)) {
        skipped.push({ what, why: 'the file has this version twice; the first is kept' });
        continue;
      }
      const version = readVersion(raw, what, skipped);
      if (!version) continue;
      versions.push(version);
      for (const tag of Array.isArray(raw.tags) ? raw.tags : []) if (typeof tag === 'string' && tag.trim()) tags.add(tag.trim().toLowerCase().slice(0, 40));
      for (const label of Array.isArray(raw.labels) ? raw.labels : []) {
        if (label === 'latest' || typeof label !== 'string') continue;
        const lname = labelName(label);
        if (!lname) skipped.push({ what: `${what} label \`${label}\``, why: 'label names use lowercase letters, digits, `.`, `_` and `-` (at most 50)' });
        else labels.set(lname, { name: lname, targets: [{ versionNumber: version.sourceNumber, weight: 100 }], protected: false });
      }
    }
    if (versions.length === 0) continue;
    prompts.push({ slug: slugify(name), title: name.slice(0, 200), description: '', tags: [...tags].slice(0, 20), versions, labels: [...labels.values()], deployments: [] });
  }
  for (const key of Object.keys(isRecord(root) && !Array.isArray(root) && 'data' in root ? root : {})) {
    if (key !== 'data' && key !== 'meta') skipped.push({ what: key, why: 'PromptLab does not import this part of the file' });
  }
  return { format: 'langfuse', prompts, datasets: [], skipped, experiment: null };
}
