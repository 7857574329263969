import 'server-only';
import { getDeliveryPromptBySlug, getDeliveryVersion, type DeliveryVersionRow } from '@/db/queries/delivery';
import type { LabelTarget } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { LATEST_LABEL } from '@/lib/labels/schemas';
import { SLUG_PATTERN } from '@/lib/prompts/schemas';
import { deliveryChangeLog, deliveryEntries, deliveryKey, keepInEntry, type DeliveryEntry, type ServedBody } from './delivery-cache';
import { resolvedPromptEtag } from './etag';
import { pickLabelTarget, stickyKey } from './pick-target';

const DEFAULT_LABEL = 'production';

/** What an app fetches: the version a label (or number) resolves to, ready to render. */
export type ResolvedPrompt = Pick<DeliveryVersionRow, 'versionNumber' | 'systemPrompt' | 'userPrompt' | 'messages' | 'variables' | 'model'> & {
  id: string;
  slug: string;
  title: string;
  /** The label that served it (`latest` included); null when a version number was asked for. */
  label: string | null;
  etag: string;
};

export type Resolution = ServedBody & { promptId: string; label: string | null; version: DeliveryVersionRow; resolved: ResolvedPrompt };

export type ResolveRequest = { workspaceId: string; slug: string; label?: string; version?: number; key?: string };

const promptNotFound = (slug: string) => new ApiError('NOT_FOUND', `Prompt \`${slug}\` not found`);

/**
 * Resolves a slug the way apps ask: `version` exactly, else `label` (`latest` is the newest version), else
 * `production` when the prompt has it, else `latest`. A split label picks its target by `key` (sticky) or at
 * random. Served from this instance's cache (lib/delivery/delivery-cache.ts) after the first request.
 */
export async function resolvePrompt(request: ResolveRequest): Promise<Resolution> {
  const entry = await deliveryEntry(request.workspaceId, request.slug);
  const { label, targets, versionNumber } = chooseVersion(entry, request);
  const version = await entryVersion(entry, versionNumber);
  const bodyKey = `b:${label ?? ''}\n${versionNumber}`;
  const kept = entry.kept.get(bodyKey);
  // An entry's labels never change (a move drops the entry), so (label, version) names one body.
  let served: ServedBody | undefined = kept && 'served' in kept ? kept.served : undefined;
  if (!served) {
    const etag = resolvedPromptEtag({ versionId: version.id, slug: entry.prompt.slug, title: entry.prompt.title, label, targets });
    const resolved = resolvedView(entry, version, label, etag);
    served = { etag, body: JSON.stringify({ data: resolved, error: null }), resolved };
    keepInEntry(entry, bodyKey, { chars: served.body.length, served });
  }
  return { etag: served.etag, body: served.body, resolved: served.resolved, promptId: entry.prompt.id, label, version };
}

async function deliveryEntry(workspaceId: string, slug: string): Promise<DeliveryEntry> {
  // A slug that cannot exist needs no query (and is never a cache key).
  if (slug.length > 80 || !SLUG_PATTERN.test(slug)) {
    throw new ApiError('NOT_FOUND', 'Prompt not found: slugs are lowercase letters, digits and single dashes, like `support-reply`');
  }
  await deliveryChangeLog()?.check();
  const key = deliveryKey(workspaceId, slug);
  const cached = deliveryEntries.get(key);
  if (cached) return cached;
  // Concurrent misses of one slug (a deploy, a cold instance under load) share one read, unless it started before
  // an invalidation: a request after a label move must not get what was read before it.
  const ticket = deliveryEntries.ticket();
  const inFlight = loads.get(key);
  if (inFlight?.ticket === ticket) return inFlight.entry;
  const load = { ticket, entry: loadEntry(workspaceId, slug, key, ticket) };
  loads.set(key, load);
  return load.entry.finally(() => {
    if (loads.get(key) === load) loads.delete(key);
  });
}

const loads = new Map<string, { ticket: number; entry: Promise<DeliveryEntry> }>();

async function loadEntry(workspaceId: string, slug: string, key: string, ticket: number): Promise<DeliveryEntry> {
  const found = await getDeliveryPromptBySlug({ workspaceId, slug });
  // Unknown slugs are not cached: creating the prompt then needs no invalidation.
  if (!found) throw promptNotFound(slug);
  const entry: DeliveryEntry = {
    workspaceId,
    prompt: found.prompt,
    labels: new Map(found.labels.map((row) => [row.name, row.targets])),
    kept: new Map(),
    keptChars: 0,
  };
  deliveryEntries.set(key, entry, ticket);
  return entry;
}

function chooseVersion(entry: DeliveryEntry, request: ResolveRequest): { label: string | null; targets: LabelTarget[] | null; versionNumber: number } {
  const { prompt } = entry;
  if (request.version !== undefined) {
    if (request.version > prompt.latestVersionNumber) {
      throw new ApiError('NOT_FOUND', `Version ${request.version} of prompt \`${prompt.slug}\` not found: the latest is ${prompt.latestVersionNumber}`);
    }
    return { label: null, targets: null, versionNumber: request.version };
  }
  const name = request.label ?? (entry.labels.has(DEFAULT_LABEL) ? DEFAULT_LABEL : LATEST_LABEL);
  if (name === LATEST_LABEL) return { label: LATEST_LABEL, targets: null, versionNumber: prompt.latestVersionNumber };
  const targets = entry.labels.get(name);
  if (!targets) throw new ApiError('NOT_FOUND', `Label \`${name}\` is not set on prompt \`${prompt.slug}\``);
  const key = request.key === undefined ? undefined : stickyKey({ promptId: prompt.id, label: name, key: request.key });
  return { label: name, targets, versionNumber: pickLabelTarget(targets, key).versionNumber };
}

async function entryVersion(entry: DeliveryEntry, versionNumber: number): Promise<DeliveryVersionRow> {
  const key = `v:${versionNumber}`;
  const kept = entry.kept.get(key);
  if (kept && 'version' in kept) return kept.version;
  const version = await getDeliveryVersion({ workspaceId: entry.workspaceId, promptId: entry.prompt.id, versionNumber });
  if (!version) throw new ApiError('NOT_FOUND', `Version ${versionNumber} of prompt \`${entry.prompt.slug}\` not found`);
  keepInEntry(entry, key, { chars: JSON.stringify(version).length, version });
  return version;
}

function resolvedView(entry: DeliveryEntry, version: DeliveryVersionRow, label: string | null, etag: string): ResolvedPrompt {
  return {
    id: entry.prompt.id,
    slug: entry.prompt.slug,
    title: entry.prompt.title,
    versionNumber: version.versionNumber,
    label,
    systemPrompt: version.systemPrompt,
    userPrompt: version.userPrompt,
    messages: version.messages,
    variables: version.variables,
    model: version.model,
    etag,
  };
}
