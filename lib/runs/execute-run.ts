import 'server-only';
import { claimRun, completeRun, failRun, getRunForExecution, releaseRun, requeueRun, type ClaimedRun } from '@/db/queries/run-execution';
import type { Run } from '@/db/schema';
import { runCacheKey, setCachedRun } from '@/lib/cache';
import { checkOutput } from '@/lib/llm/json-schema';
import { env } from '@/lib/env';
import { breakdownTotalUsd, costBreakdown } from '@/lib/llm/pricing';
import { resolvePrice } from '@/lib/llm/resolve-price';
import { createProvider } from '@/lib/llm/registry';
import { estimateUsage } from '@/lib/llm/tokens';
import type { CompletionResult, GenerationParams, ToolCall } from '@/lib/llm/types';
import { deferRateLimitedRun, gateExperimentRun, waitOutPause } from '@/lib/experiments/experiment-gate';
import { finishRunCell, finishSettledRunCell, SETTLED_RUN_MS } from '@/lib/experiments/finish-cell';
import { resolveProviderConfig } from '@/lib/providers/resolve';
import { openRunChannel, publishRunEvent as publishToChannel, type RunEvent } from '@/lib/run-channel';
import { isExecutingHere, registerExecution, unregisterExecution } from './abort-registry';
import { retryDelayMs } from './backoff';
import { classifyRunFailure, type RunFailure } from './run-failure';
import { toStorableText } from './storable-text';

export type ExecutionOutcome =
  | { status: 'done'; runStatus: Run['status'] }
  | { status: 'duplicate' }
  | { status: 'retry'; retryAfterSeconds: number };

type Attempt = { ok: true; result: CompletionResult; ttftMs: number | null } | { ok: false; failure: RunFailure };

/**
 * Executes one delivery of a run. Claiming is a single conditional UPDATE, so a duplicate or concurrent
 * delivery finds nothing to claim and calls no provider. Retryable failures go back to the queue with
 * backoff until RUN_MAX_ATTEMPTS; the caller answers 5xx only for `retry`.
 */
export async function executeRun(runId: string, { experimentId }: { experimentId?: string } = {}): Promise<ExecutionOutcome> {
  // A paused experiment's run waits without a claim (a 429 must not turn thousands of queued runs into writes).
  const waiting = experimentId ? await waitOutPause({ runId, experimentId }) : null;
  if (waiting) return waiting;
  const run = await claimRun({ id: runId, leaseMs: env().runs.leaseMs });
  if (!run) {
    const outcome = await notClaimed(runId);
    // Already final (an earlier delivery whose answer was lost): its cell may still wait for scoring, unless the
    // executor that finished the run is scoring it now.
    if (experimentId && outcome.status === 'duplicate') await finishSettledRunCell({ runId, experimentId, settledMs: SETTLED_RUN_MS }).catch(() => undefined);
    return outcome;
  }
  if (!run.experimentId) return executeClaimed(run);
  // An experiment's run: its experiment may stop or pause it first, and a final outcome finishes its cell.
  const outcome = (await gateExperimentRun(run)) ?? (await executeClaimed(run));
  if (outcome.status === 'done' && outcome.runStatus !== 'queued' && outcome.runStatus !== 'running') {
    await finishRunCell({ runId: run.id, experimentId: run.experimentId }).catch((error: unknown) =>
      console.error('[experiments] could not finish the cell of run; recovery will', run.id, error),
    );
  }
  return outcome;
}

async function executeClaimed(run: ClaimedRun): Promise<ExecutionOutcome> {
  const { llmTimeoutMs, runs: settings } = env();
  if (run.attempts > settings.maxAttempts) {
    // Claimed again after lost leases (a crashing executor): stop instead of looping forever.
    const gaveUp: RunFailure = { code: 'INTERNAL', message: `Gave up after ${settings.maxAttempts} attempts`, retryable: false, canceled: false };
    return recording(run, () => recordFailure(run, gaveUp, undefined, settings.maxAttempts));
  }

  // Registered until the outcome is recorded: a duplicate delivery meanwhile is one, not a retry (notClaimed).
  const controller = registerExecution(run.id);
  try {
    if (!run.experimentId) openRunChannel(run.id, run.workspaceId);
    await publishRunEvent(run, { type: 'status', status: 'running' });
    const started = Date.now();
    const attempt = await callProvider(run, llmTimeoutMs, started, controller.signal);
    const latencyMs = Date.now() - started;
    return await recording(run, () =>
      attempt.ok ? recordSuccess(run, attempt.result, latencyMs, attempt.ttftMs) : recordFailure(run, attempt.failure, latencyMs, settings.maxAttempts),
    );
  } finally {
    unregisterExecution(run.id);
  }
}

async function callProvider(run: ClaimedRun, timeoutMs: number, started: number, signal: AbortSignal): Promise<Attempt> {
  let ttftMs: number | null = null;
  try {
    const config = await resolveProviderConfig({ workspaceId: run.workspaceId, provider: run.provider });
    const provider = createProvider(config);
    const result = await provider.stream(
      { model: run.model, messages: run.messages, params: run.params, timeoutMs, signal, maxOutputChars: env().runs.maxOutputChars },
      (text) => {
        ttftMs ??= Date.now() - started;
        void publishRunEvent(run, { type: 'delta', text });
      },
    );
    return { ok: true, result, ttftMs };
  } catch (error) {
    return { ok: false, failure: classifyRunFailure(error) };
  }
}

async function notClaimed(runId: string): Promise<ExecutionOutcome> {
  const run = await getRunForExecution({ id: runId });
  const now = Date.now();
  // Queued but backing off: ask the transport to come back when it is due.
  if (run?.status === 'queued' && run.nextAttemptAt && run.nextAttemptAt.getTime() > now) {
    return { status: 'retry', retryAfterSeconds: secondsUntil(run.nextAttemptAt) };
  }
  // Held by an attempt elsewhere, which may still die or fail to record: come back when its lease ends, when this
  // delivery can claim the run if it is still unfinished, rather than dropping the message as a duplicate.
  if (run?.status === 'running' && run.leaseExpiresAt && run.leaseExpiresAt.getTime() > now && !isExecutingHere(run.id)) {
    return { status: 'retry', retryAfterSeconds: secondsUntil(run.leaseExpiresAt) };
  }
  return { status: 'duplicate' };
}

// An experiment's runs are watched through the experiment's progress, not each run's stream (which falls back to the
// row): thousands of them must not each fill a channel kept for 10 minutes (or cost Redis round trips per delta).
const publishRunEvent = (run: ClaimedRun, event: RunEvent) => (run.experimentId ? Promise.resolve(null) : publishToChannel(run.id, event));

const secondsUntil = (at: Date | null) => Math.max(1, Math.ceil(((at?.getTime() ?? 0) - Date.now()) / 1000));

const WRITE_RETRY_DELAY_MS = 200;

// Drizzle's error message is the whole query; the database's own reason is its cause.
const reason = (error: unknown) => (error instanceof Error ? ((error.cause instanceof Error ? error.cause : error).message) : String(error));

/**
 * Records an attempt's outcome, trying once more after a short pause if the database refuses. If it still fails,
 * the run is handed back to the queue and the delivery answers `retry`, so a redelivery claims it again; if even
 * that write fails, the error reaches the callback (a 5xx) and the run waits for its lease to end.
 */
async function recording(run: ClaimedRun, write: () => Promise<ExecutionOutcome>): Promise<ExecutionOutcome> {
  try {
    return await write();
  } catch (first) {
    console.warn(`[runs] ${run.id} attempt ${run.attempts}: recording the outcome failed (${reason(first)}); trying again`);
  }
  await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_DELAY_MS));
  try {
    return await write();
  } catch (second) {
    console.error(`[runs] ${run.id} attempt ${run.attempts}: could not record the outcome (${reason(second)}); releasing the run for a retry`);
  }
  await releaseRun({ id: run.id, attempt: run.attempts });
  return { status: 'retry', retryAfterSeconds: 1 };
}

async function recordSuccess(run: ClaimedRun, result: CompletionResult, latencyMs: number, ttftMs: number | null): Promise<ExecutionOutcome> {
  const output = toStorableText(result.output);
  const usage = result.usage.totalTokens > 0 || result.usage.inputTokens > 0 ? result.usage : estimateUsage(run.messages, output);
  // The workspace's own price wins over the table (custom and self-hosted models have no table entry).
  const { price, source: priceSource, reasoning } = await resolvePrice({ workspaceId: run.workspaceId, provider: run.provider, model: run.model, at: run.createdAt });
  const breakdown = costBreakdown(usage, price, { reasoning });
  const toolCalls = result.toolCalls && result.toolCalls.length > 0 ? result.toolCalls.map(storableCall) : null;
  const outputCheck = checkedOutput(run, output, toolCalls);
  const done = await completeRun({
    id: run.id,
    attempt: run.attempts,
    output,
    usage,
    costUsd: breakdown ? breakdownTotalUsd(breakdown) : null,
    priceSource,
    costBreakdown: breakdown,
    latencyMs,
    ttftMs: ttftMs ?? latencyMs,
    requestId: result.providerRequestId,
    outputTruncated: result.outputTruncated,
    toolCalls,
    outputCheck,
  });
  const final = done ?? (await getRunForExecution({ id: run.id }));
  if (done) {
    // A draft run keys as a draft even if it was saved as a version meanwhile, as its creation looked it up.
    const versionId = run.draft ? null : run.promptVersionId;
    const key = runCacheKey({ workspaceId: run.workspaceId, versionId, messages: run.messages, provider: run.provider, model: run.model, params: run.params, variables: run.variables });
    await setCachedRun(key, { runId: run.id, output, usage, finishReason: result.finishReason, toolCalls, outputCheck, createdAt: new Date().toISOString() });
  }
  await publishRunEvent(run, { type: 'done', status: final?.status ?? 'succeeded' });
  return { status: 'done', runStatus: final?.status ?? 'succeeded' };
}

const storableCall = (call: ToolCall): ToolCall => ({ id: toStorableText(call.id), name: toStorableText(call.name), arguments: toStorableText(call.arguments) });

/**
 * The reply checked against the run's response schema; null without one, and when the model called tools
 * instead of replying (there is no reply to check).
 */
function checkedOutput(run: ClaimedRun, output: string, toolCalls: ToolCall[] | null) {
  // Params were checked against modelConfigSchema when the run was created.
  const schema = (run.params as GenerationParams).responseSchema?.schema;
  if (!schema || (toolCalls && output.trim() === '')) return null;
  return checkOutput(schema, output);
}

async function recordFailure(run: ClaimedRun, failure: RunFailure, latencyMs: number | undefined, maxAttempts: number): Promise<ExecutionOutcome> {
  if (!failure.canceled) console.warn(`[runs] ${run.id} attempt ${run.attempts} failed: ${failure.code}: ${failure.message}`);
  const errorMessage = toStorableText(failure.message);
  // An experiment slows down on a 429 instead of spending the run's attempts.
  const deferred = await deferRateLimitedRun(run, failure);
  if (deferred) return deferred;

  if (failure.retryable && run.attempts < maxAttempts) {
    const delay = retryDelayMs({ attempt: run.attempts, retryAfterMs: failure.retryAfterMs });
    const requeued = await requeueRun({ id: run.id, attempt: run.attempts, errorCode: failure.code, errorMessage, nextAttemptAt: new Date(Date.now() + delay) });
    if (requeued) {
      await publishRunEvent(run, { type: 'status', status: 'queued' });
      return { status: 'retry', retryAfterSeconds: Math.ceil(delay / 1000) };
    }
  } else {
    await failRun({ id: run.id, attempt: run.attempts, errorCode: failure.code, errorMessage, latencyMs });
  }
  const final = await getRunForExecution({ id: run.id });
  // A requeue that committed before its answer was lost (the write was tried again): still a retry.
  if (final?.status === 'queued') return { status: 'retry', retryAfterSeconds: secondsUntil(final.nextAttemptAt) };
  // Recorded as failed, or canceled meanwhile: a final outcome either way.
  await publishRunEvent(run, { type: 'done', status: final?.status ?? 'failed' });
  return { status: 'done', runStatus: final?.status ?? 'failed' };
}
