import { claimRun, completeRun, failRun, getRunForExecution, requeueRun } from '@/db/queries/runs';
import type { Run } from '@/db/schema';
import { runCacheKey, setCachedRun } from '@/lib/cache';
import { env } from '@/lib/env';
import { computeCostUsd, priceFor } from '@/lib/llm/pricing';
import { createProvider } from '@/lib/llm/registry';
import { estimateUsage } from '@/lib/llm/tokens';
import { ProviderError, type CompletionResult } from '@/lib/llm/types';
import { resolveProviderConfig } from '@/lib/providers/resolve';
import { publishRunEvent } from '@/lib/run-channel';
import { registerExecution, unregisterExecution } from './abort-registry';
import { retryDelayMs } from './backoff';

export type ExecutionOutcome =
  | { status: 'done'; runStatus: Run['status'] }
  | { status: 'duplicate' }
  | { status: 'retry'; retryAfterSeconds: number };

/**
 * Executes one delivery of a run. Claiming is a single conditional UPDATE, so a duplicate or concurrent
 * delivery finds nothing to claim and calls no provider. Retryable failures go back to the queue with
 * backoff until RUN_MAX_ATTEMPTS; the caller answers 5xx only for `retry`.
 */
export async function executeRun(runId: string): Promise<ExecutionOutcome> {
  const { llmTimeoutMs, runs: settings } = env();
  const run = await claimRun({ id: runId, leaseMs: llmTimeoutMs + 30_000 });
  if (!run) return notClaimed(runId);
  if (run.attempts > settings.maxAttempts) {
    // Claimed again after lost leases (a crashing executor): stop instead of looping forever.
    await failRun({ id: run.id, attempt: run.attempts, errorCode: 'INTERNAL', errorMessage: `Gave up after ${settings.maxAttempts} attempts` });
    await publishRunEvent(run.id, { type: 'done', status: 'failed' });
    return { status: 'done', runStatus: 'failed' };
  }

  await publishRunEvent(run.id, { type: 'status', status: 'running' });
  const controller = registerExecution(run.id);
  const started = Date.now();
  let ttftMs: number | null = null;
  try {
    const config = await resolveProviderConfig({ workspaceId: run.workspaceId, provider: run.provider });
    const provider = createProvider(config);
    const result = await provider.stream(
      { model: run.model, messages: run.messages, params: run.params, timeoutMs: llmTimeoutMs, signal: controller.signal },
      (text) => {
        ttftMs ??= Date.now() - started;
        void publishRunEvent(run.id, { type: 'delta', text });
      },
    );
    return await recordSuccess(run, result, Date.now() - started, ttftMs);
  } catch (error) {
    return await recordFailure(run, error, Date.now() - started, settings.maxAttempts);
  } finally {
    unregisterExecution(run.id);
  }
}

async function notClaimed(runId: string): Promise<ExecutionOutcome> {
  const run = await getRunForExecution({ id: runId });
  // Queued but backing off: ask the transport to come back when it is due.
  if (run?.status === 'queued' && run.nextAttemptAt && run.nextAttemptAt > new Date()) {
    return { status: 'retry', retryAfterSeconds: Math.ceil((run.nextAttemptAt.getTime() - Date.now()) / 1000) };
  }
  return { status: 'duplicate' };
}

async function recordSuccess(run: Run, result: CompletionResult, latencyMs: number, ttftMs: number | null): Promise<ExecutionOutcome> {
  const usage = result.usage.totalTokens > 0 || result.usage.inputTokens > 0 ? result.usage : estimateUsage(run.messages, result.output);
  const price = priceFor(run.provider, run.model, run.createdAt);
  const done = await completeRun({
    id: run.id,
    attempt: run.attempts,
    output: result.output,
    usage,
    costUsd: price ? computeCostUsd(usage, price) : null,
    latencyMs,
    ttftMs: ttftMs ?? latencyMs,
    requestId: result.providerRequestId,
  });
  const final = done ?? (await getRunForExecution({ id: run.id }));
  if (done) {
    const key = runCacheKey({ versionId: run.promptVersionId, messages: run.messages, provider: run.provider, model: run.model, params: run.params, variables: run.variables });
    await setCachedRun(key, { runId: run.id, output: result.output, usage, finishReason: result.finishReason, createdAt: new Date().toISOString() });
  }
  await publishRunEvent(run.id, { type: 'done', status: final?.status ?? 'succeeded' });
  return { status: 'done', runStatus: final?.status ?? 'succeeded' };
}

async function recordFailure(run: Run, error: unknown, latencyMs: number, maxAttempts: number): Promise<ExecutionOutcome> {
  const failure =
    error instanceof ProviderError
      ? error
      : new ProviderError('network', error instanceof Error ? error.message : 'Unexpected failure', { cause: error });
  if (failure.kind !== 'canceled') console.warn(`[runs] ${run.id} attempt ${run.attempts} failed: ${failure.kind}: ${failure.message}`);
  const code = failure.kind.toUpperCase();

  if (failure.retryable && run.attempts < maxAttempts) {
    const delay = retryDelayMs({ attempt: run.attempts, retryAfterMs: failure.details.retryAfterMs });
    const requeued = await requeueRun({ id: run.id, attempt: run.attempts, errorCode: code, errorMessage: failure.message, nextAttemptAt: new Date(Date.now() + delay) });
    if (requeued) {
      await publishRunEvent(run.id, { type: 'status', status: 'queued' });
      return { status: 'retry', retryAfterSeconds: Math.ceil(delay / 1000) };
    }
  } else {
    await failRun({ id: run.id, attempt: run.attempts, errorCode: code, errorMessage: failure.message, latencyMs });
  }
  // Either recorded as failed, or the run was canceled meanwhile: a final outcome either way.
  const final = await getRunForExecution({ id: run.id });
  await publishRunEvent(run.id, { type: 'done', status: final?.status ?? 'failed' });
  return { status: 'done', runStatus: final?.status ?? 'failed' };
}
