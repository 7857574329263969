import 'server-only';
import { getPromptVersionByNumber } from '@/db/queries/prompt-versions';
import { getMonthSpendUsd, insertRun } from '@/db/queries/runs';
import type { ModelConfig, PromptVersion, Run } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { Caller } from '@/lib/auth/resolve-caller';
import { cachedRunColumns, getCachedRun, runCacheKey } from '@/lib/cache';
import { resolvePrompt, type Resolution } from '@/lib/delivery/resolve-prompt';
import { assertUsableModelSchemas } from '@/lib/llm/json-schema';
import { readPromptWithCurrentVersion } from '@/lib/prompts/prompt-cache';
import type { RunTemplate } from '@/lib/prompts/schemas';
import { resolveProviderConfig } from '@/lib/providers/resolve';
import { dispatch, runsJob } from '@/lib/queue';
import { rateLimit, rateLimitHeaders } from '@/lib/ratelimit';
import { openRunChannel } from '@/lib/run-channel';
import { draftTemplate } from './draft-template';
import { renderRunMessages } from './render-messages';
// Registers the run callback, so the local dispatcher delivers the runs created here in-process.
import './run-job';
import type { CreateRunInput } from './schemas';

/**
 * Validates and records a run, then hands it to the queue. A cache hit is recorded as an already
 * succeeded run without calling the provider. Returns the run and whether this request created it.
 */
export async function createRun({ caller, input }: { caller: Caller; input: CreateRunInput }): Promise<{ run: Run; created: boolean }> {
  const workspace = caller.workspace;
  await enforceRateLimits(caller);

  const { promptId, current, resolution } = await promptOfRun(input, workspace.id);
  const source: RunSource = resolution
    ? { version: resolution.version, template: null, model: resolution.version.model }
    : await runSource({ input, workspaceId: workspace.id, promptId, current });

  const provider = input.provider ?? source.model.provider;
  const model = input.model ?? source.model.model;
  const { provider: _p, model: _m, ...versionParams } = source.model;
  const params = { ...versionParams, ...input.params };
  // The version's (or draft's) schemas were checked when saved; per-run overrides are checked here.
  assertUsableModelSchemas(input.params, 'params');

  if (workspace.modelAllowlist && !workspace.modelAllowlist.includes(`${provider}/${model}`)) {
    throw new ApiError('FORBIDDEN', `model \`${provider}/${model}\` is not on this workspace's allowlist`);
  }
  if (workspace.monthlyBudgetUsd !== null) {
    const spent = await getMonthSpendUsd({ workspaceId: workspace.id });
    if (spent >= workspace.monthlyBudgetUsd) {
      throw new ApiError('BUDGET_EXCEEDED', `This workspace has spent $${spent.toFixed(2)} of its $${workspace.monthlyBudgetUsd.toFixed(2)} monthly budget`);
    }
  }
  await resolveProviderConfig({ workspaceId: workspace.id, provider });

  const rendered = renderRunMessages(source.template ?? source.version, input.variables);
  const messages = rendered.messages;

  const base = {
    workspaceId: workspace.id,
    promptId,
    promptVersionId: source.version?.id ?? null,
    versionNumber: source.version?.versionNumber ?? null,
    // Only a draft run sets these, so a version run keeps the prepared insert (db/queries/runs.ts). Its template
    // records the model settings in effect (the request's overrides included), so "Save as version" saves what ran.
    ...(source.template ? { draft: true, template: { ...source.template, model: { provider, model, ...params } } } : {}),
    // Only a run through a label sets it, so the others keep the prepared insert too.
    ...(resolution?.label ? { label: resolution.label } : {}),
    createdBy: caller.user.id,
    apiKeyId: caller.apiKeyId ?? null,
    provider,
    model,
    params,
    variables: rendered.values,
    messages,
    idempotencyKey: input.idempotencyKey ?? null,
  };

  if (input.cache) {
    const hit = await getCachedRun(runCacheKey({ workspaceId: workspace.id, versionId: source.version?.id ?? null, messages, provider, model, params, variables: rendered.values }));
    if (hit) {
      const now = new Date();
      return insertRun({
        ...base,
        status: 'succeeded',
        ...cachedRunColumns(hit),
        costUsd: 0,
        latencyMs: 0,
        ttftMs: 0,
        cached: true,
        sourceRunId: hit.runId,
        startedAt: now,
        finishedAt: now,
      });
    }
  }

  const result = await insertRun({ ...base, status: 'queued' });
  if (result.created) {
    openRunChannel(result.run.id, workspace.id); // its stream checks tenancy there, without loading the run
    // A failed hand-off leaves the run queued; the recovery job dispatches it again.
    await dispatch(runsJob, { runId: result.run.id }, { deduplicationId: result.run.id, fairnessKey: workspace.id }).catch((error: unknown) =>
      console.error('[runs] dispatch failed; recovery will retry', result.run.id, error),
    );
  }
  return result;
}

type RunSource = { version: RunVersion; template: null; model: ModelConfig } | { version: null; template: RunTemplate; model: ModelConfig };
type RunVersion = Pick<PromptVersion, 'id' | 'versionNumber' | 'systemPrompt' | 'userPrompt' | 'messages' | 'variables' | 'model'>;

/** The prompt a run is of: by id (with its current version), or what its slug resolves to (a label's pick included). */
async function promptOfRun(input: CreateRunInput, workspaceId: string): Promise<{ promptId: string; current: PromptVersion | null; resolution: Resolution | null }> {
  if (input.slug !== undefined) {
    const resolution = await resolvePrompt({ workspaceId, slug: input.slug, label: input.label, version: input.versionNumber, key: input.key });
    return { promptId: resolution.promptId, current: null, resolution };
  }
  // The schema admits no body with neither promptId nor slug.
  const found = await readPromptWithCurrentVersion({ id: input.promptId!, workspaceId });
  if (!found) throw new ApiError('NOT_FOUND', 'Prompt not found');
  return { promptId: found.prompt.id, current: found.version, resolution: null };
}

/** What the run renders: the requested (or current) version, or a draft checked like a save. */
async function runSource(args: { input: CreateRunInput; workspaceId: string; promptId: string; current: PromptVersion | null }): Promise<RunSource> {
  const { input, current } = args;
  if (input.draft) {
    const template = draftTemplate(input.draft, current);
    return { version: null, template, model: template.model };
  }
  const version = input.versionNumber
    ? (await getPromptVersionByNumber({ promptId: args.promptId, workspaceId: args.workspaceId, versionNumber: input.versionNumber }))?.version
    : current;
  if (!version) throw new ApiError('NOT_FOUND', `Version ${input.versionNumber} of this prompt not found`);
  return { version, template: null, model: version.model };
}

async function enforceRateLimits(caller: Caller) {
  const checks = [rateLimit('runs', `user:${caller.user.id}`)];
  if (caller.apiKeyId) checks.push(rateLimit('runs', `key:${caller.apiKeyId}`));
  for (const result of await Promise.all(checks)) {
    if (!result.success) {
      throw new ApiError('RATE_LIMITED', `Too many runs: the limit is ${result.limit} a minute. Retry after the Retry-After seconds.`, {
        headers: rateLimitHeaders(result),
      });
    }
  }
}
