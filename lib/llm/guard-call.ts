import 'server-only';
import { classifyProviderError } from './errors';
import { ProviderError } from './types';

/** Wraps an error thrown by the caller's onDelta so it reaches the caller unclassified. */
class CallbackError extends Error {
  constructor(readonly original: unknown) {
    super('onDelta threw');
  }
}

/** Calls the caller's onDelta; what it throws ends the call and is rethrown as is, never retried as a provider error. */
export function emitDelta(onDelta: (text: string) => void, text: string): void {
  if (!text) return;
  try {
    onDelta(text);
  } catch (error) {
    throw new CallbackError(error);
  }
}

/**
 * Runs one provider call under a deadline of `timeoutMs` merged with the caller's signal, and turns whatever it
 * throws into a ProviderError: the deadline → `timeout`, the caller's abort → `canceled`, the rest classified.
 */
export async function guardCall<T>(
  provider: string,
  options: { timeoutMs: number; signal?: AbortSignal },
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { timeoutMs, signal } = options;
  const canceled = (cause?: unknown) =>
    new ProviderError('canceled', `${provider}: request canceled`, { provider, cause });
  if (signal?.aborted) throw canceled();

  const controller = new AbortController();
  // The first of the two wins: a cancel after the deadline is still a timeout, and the reverse.
  const state: { ended: 'timeout' | 'canceled' | null } = { ended: null };
  const timer = setTimeout(() => {
    state.ended ??= 'timeout';
    controller.abort();
  }, timeoutMs);
  const onCancel = () => {
    state.ended ??= 'canceled';
    controller.abort();
  };
  signal?.addEventListener('abort', onCancel, { once: true });

  const stopped = (cause?: unknown) =>
    state.ended === 'timeout'
      ? new ProviderError('timeout', `${provider}: no complete response within ${timeoutMs} ms`, { provider, cause })
      : canceled(cause);

  try {
    const result = await run(controller.signal);
    // Both SDKs end a stream quietly when its signal aborts, so a cut-off result can come back here.
    if (state.ended) throw stopped();
    return result;
  } catch (error) {
    if (error instanceof CallbackError) throw error.original;
    if (error instanceof ProviderError && !state.ended) throw error;
    // Checked before the error itself: a stream cut short by our own abort looks malformed to the code reading it.
    if (state.ended) throw error instanceof ProviderError && error.kind === state.ended ? error : stopped(error);
    throw classifyProviderError(error, provider);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
}
