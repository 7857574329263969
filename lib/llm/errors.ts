import 'server-only';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { ContentFilterFinishReasonError } from 'openai/core/error';
import { findUrlRefused } from '../net/guarded-fetch';
import { findResponseTooLarge } from '../net/response-limits';
import { ProviderError, type ProviderErrorKind } from './types';

type HeaderSource = Headers | Record<string, string | undefined> | null | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/**
 * Milliseconds the provider asks us to wait: `retry-after-ms` (OpenAI), else `retry-after` as seconds or an HTTP
 * date. Undefined when absent or unparseable.
 */
export function parseRetryAfterMs(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// "The model `x` does not exist…" (OpenAI, Groq, vLLM), `model "x" not found` (Ollama), "model: x" 404s (Anthropic).
const MISSING_MODEL =
  /\bmodel\b.{0,80}\b(not found|does not exist|doesn't exist|is not available|is unknown)|\b(unknown|invalid|no such) model\b|model_not_found/i;

function kindForStatus(status: number, message: string): ProviderErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 408) return 'timeout';
  // 409 is the lock-timeout conflict both SDKs retry by default.
  if (status === 409 || status >= 500) return 'overloaded';
  if (status === 401 || status === 402 || status === 403) return 'auth';
  if (status === 404) return 'unknown_model';
  if ((status === 400 || status === 422) && MISSING_MODEL.test(message)) return 'unknown_model';
  return 'bad_request';
}

/** Errors sent inside a 200 stream carry no status, only the body's error type or code. */
function kindForErrorType(type: string): ProviderErrorKind {
  const t = type.toLowerCase();
  if (t.includes('rate_limit')) return 'rate_limited';
  if (t.includes('overloaded') || t.includes('server_error') || t === 'api_error') return 'overloaded';
  if (t.includes('timeout')) return 'timeout';
  if (t.includes('authentication') || t.includes('permission') || t.includes('billing')) return 'auth';
  if (t.includes('not_found') || t === 'model_not_found') return 'unknown_model';
  if (t.includes('invalid_request') || t.includes('too_large')) return 'bad_request';
  return 'overloaded';
}

const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;

function isNetworkFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return true;
    if (e instanceof TypeError && /fetch failed|terminated|network|socket/i.test(e.message)) return true;
  }
  return false;
}

/** The innermost message: "connect ECONNREFUSED 127.0.0.1:1" rather than "Connection error." or "fetch failed". */
function rootCause(error: Error): string {
  let inner = error;
  for (let depth = 0; inner.cause instanceof Error && depth < 5; depth++) inner = inner.cause;
  return inner.message;
}

type SdkApiError = InstanceType<typeof OpenAI.APIError> | InstanceType<typeof Anthropic.APIError>;

function apiErrorMessage(error: SdkApiError): string {
  // Anthropic's Error.message is the status plus the raw JSON body; its apiMessage is the readable part.
  if (error instanceof Anthropic.APIError && error.apiMessage) {
    return error.status ? `${error.status} ${error.apiMessage}` : error.apiMessage;
  }
  return error.message;
}

function errorType(error: SdkApiError): string | null {
  if (error instanceof Anthropic.APIError) return error.type;
  return error.code ?? error.type ?? null;
}

/** The error code or type an SDK error carries from the response body (`model_not_found`), if any. */
export function sdkErrorType(error: unknown): string | null {
  return error instanceof OpenAI.APIError || error instanceof Anthropic.APIError ? errorType(error) : null;
}

/** A ProviderError raised by our own checks of a response, with the provider prefix on its message. */
export function providerError(provider: string, kind: ProviderErrorKind, message: string): ProviderError {
  return new ProviderError(kind, `${provider}: ${message}`, { provider });
}

/** Turns anything a provider call threw into a ProviderError whose kind decides whether a retry can help. */
export function classifyProviderError(error: unknown, provider: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const fail = (kind: ProviderErrorKind, message: string, extra: { status?: number; retryAfterMs?: number } = {}) =>
    new ProviderError(kind, `${provider}: ${message}`, { ...extra, provider, cause: error });

  if (error instanceof OpenAI.APIUserAbortError || error instanceof Anthropic.APIUserAbortError) {
    return fail('canceled', 'request canceled');
  }
  // The address policy refused the connection: no retry can change that.
  const refused = findUrlRefused(error);
  if (refused) return new ProviderError('bad_request', `${provider}: ${refused.message}`, { provider, cause: refused });
  // An answer cut off at the byte limit would be as large again on a retry.
  const tooLarge = findResponseTooLarge(error);
  if (tooLarge) return new ProviderError('bad_request', `${provider}: ${tooLarge.message}`, { provider, cause: tooLarge });
  if (error instanceof OpenAI.APIConnectionTimeoutError || error instanceof Anthropic.APIConnectionTimeoutError) {
    return fail('timeout', error.message);
  }
  if (error instanceof OpenAI.APIConnectionError || error instanceof Anthropic.APIConnectionError) {
    return fail('network', `connection failed (${rootCause(error)})`);
  }
  if (error instanceof OpenAI.APIError || error instanceof Anthropic.APIError) {
    const message = apiErrorMessage(error);
    const status = typeof error.status === 'number' ? error.status : undefined;
    const type = errorType(error);
    const kind = status !== undefined ? kindForStatus(status, `${message} ${type ?? ''}`) : kindForErrorType(type ?? '');
    const retryAfterMs = parseRetryAfterMs(error.headers);
    return fail(kind, message, {
      ...(status !== undefined && { status }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }
  if (error instanceof ContentFilterFinishReasonError) return fail('refusal', error.message);
  if (error instanceof SyntaxError) return fail('malformed', `unreadable response: ${error.message}`);
  if (error instanceof Error && error.name === 'TimeoutError') return fail('timeout', error.message);
  if (error instanceof Error && error.name === 'AbortError') return fail('canceled', 'request canceled');
  if (error instanceof Error && isNetworkFailure(error)) return fail('network', `connection failed (${rootCause(error)})`);
  // Anything else came from reading a response we did not expect (or an SDK invariant): treat it as malformed.
  return fail('malformed', error instanceof Error ? error.message : String(error));
}
