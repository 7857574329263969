import 'server-only';
import { ApiError } from '@/lib/api/errors';
import { ProviderError } from '@/lib/llm/types';

/** How one failed attempt is recorded: its error code, and whether another attempt could succeed. */
export type RunFailure = { code: string; message: string; retryable: boolean; retryAfterMs?: number; canceled: boolean };

export const INTERNAL_FAILURE_MESSAGE = 'Something went wrong on our side while running this; it is retried. Details are in the server log.';

/** Codes of failures that are not the provider's: retrying cannot fix them, the workspace's settings can. */
export const SETUP_FAILURE_CODES = ['PROVIDER_NOT_CONFIGURED', 'CREDENTIAL_UNREADABLE', 'URL_REFUSED'] as const;
type SetupFailureCode = (typeof SETUP_FAILURE_CODES)[number];

/**
 * Classifies what an attempt threw. Provider errors keep their kind (RATE_LIMITED, TIMEOUT…); our own refusals
 * (a provider no longer configured, a key that cannot be decrypted, a base URL the SSRF guard refuses, at resolution
 * or at connect time) fail the run at once; anything else unexpected is retried as INTERNAL.
 */
export function classifyRunFailure(error: unknown): RunFailure {
  const refusal = findRefusal(error);
  if (refusal) return { code: setupCode(refusal), message: messageOf(refusal), retryable: false, canceled: false };
  if (error instanceof ProviderError) {
    return {
      code: error.kind.toUpperCase(),
      message: error.message,
      retryable: error.retryable,
      retryAfterMs: error.details.retryAfterMs,
      canceled: error.kind === 'canceled',
    };
  }
  // Our own failure (a database error quoting its SQL…): the detail goes to the log, never onto the run.
  console.error('[runs] unexpected failure during a run', error);
  return { code: 'INTERNAL', message: INTERNAL_FAILURE_MESSAGE, retryable: true, canceled: false };
}

// An ApiError (or an error coded URL_REFUSED) anywhere in the cause chain: the SDKs wrap what their fetch throws.
function findRefusal(error: unknown): unknown {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof ApiError || (e as { code?: unknown }).code === 'URL_REFUSED') return e;
  }
  return null;
}

function setupCode(error: unknown): SetupFailureCode {
  if (!(error instanceof ApiError)) return 'URL_REFUSED';
  const reason = error.details?.reason;
  if (typeof reason === 'string' && (SETUP_FAILURE_CODES as readonly string[]).includes(reason)) return reason as SetupFailureCode;
  // The SSRF guard names the field it refuses (`baseUrl`); the credential resolver says when a key cannot be decrypted.
  if (error.details?.fields?.some((field) => field.path === 'baseUrl')) return 'URL_REFUSED';
  if (/decrypt/i.test(error.message)) return 'CREDENTIAL_UNREADABLE';
  return 'PROVIDER_NOT_CONFIGURED';
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
