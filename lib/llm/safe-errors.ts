import 'server-only';
import { STATUS_CODES } from 'node:http';
import { findUrlRefused } from '../net/guarded-fetch';
import { findResponseTooLarge } from '../net/response-limits';
import { sdkErrorType } from './errors';
import { ProviderError, type LlmProvider } from './types';

const MAX_MESSAGE_CHARS = 500;
const MASK = '••••';

/** Error types and codes the providers document: short, fixed tokens that carry no response text. */
const KNOWN_ERROR_TOKENS = new Set([
  'api_error',
  'authentication_error',
  'billing_error',
  'context_length_exceeded',
  'insufficient_quota',
  'invalid_api_key',
  'invalid_request_error',
  'model_not_found',
  'not_found_error',
  'overloaded_error',
  'permission_error',
  'rate_limit_error',
  'rate_limit_exceeded',
  'request_too_large',
  'server_error',
  'timeout_error',
  'tokens',
  'requests',
]);

const SECRET_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${MASK}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, `$1${MASK}@`], // user:password@ in URLs
  [/([?&](?:api[_-]?key|key|token|access_token|secret|password|sig)=)[^&\s"']+/gi, `$1${MASK}`],
  [/\b((?:api[_-]?key|secret|password|token|authorization)["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic|Token)\s|••••)[^\s"',;&}]{4,}/gi, `$1${MASK}`],
  // Key shapes of the common providers (sk-…, sk-ant-…, gsk_…, sig_…), even when nothing labels them.
  [/\b(?:sk|pk|rk|gsk|xai|sig)[-_][A-Za-z0-9_-]{20,}/g, MASK],
];

/**
 * Masks secrets in a message before it is stored or shown: the given keys, bearer and basic credentials, URL
 * user info, key-like query parameters and assignments, and provider key shapes. Also caps its length.
 */
export function redactSecrets(message: string, secrets: (string | undefined)[] = []): string {
  let text = message;
  for (const secret of secrets) if (secret && secret.length >= 4) text = text.split(secret).join(MASK);
  for (const [pattern, replacement] of SECRET_PATTERNS) text = text.replace(pattern, replacement);
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

const knownToken = (error: unknown) => {
  const token = sdkErrorType(error);
  return token && KNOWN_ERROR_TOKENS.has(token) ? ` (${token})` : '';
};

/** The first system error code in the chain (ECONNREFUSED), never the message around it. */
function systemCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
  }
  return null;
}

/**
 * What may be said about a failure of an endpoint the workspace chose: the HTTP status and a known error token,
 * or our own description, never text from the response (which could be an internal service's page).
 */
function summary(error: ProviderError): string {
  const ownMessage = error.message.replace(/^[^:]*: /, '');
  const cause = error.details.cause;
  const ours = findUrlRefused(error) ?? findResponseTooLarge(error);
  if (ours) return ours.message;
  const { status } = error.details;
  if (status !== undefined) return `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}${knownToken(cause)}`;
  switch (error.kind) {
    case 'timeout':
    case 'canceled':
      return ownMessage; // written by us or the SDK, never by the endpoint
    case 'network': {
      const code = systemCode(cause);
      return code ? `connection failed (${code})` : 'connection failed';
    }
    case 'refusal':
      return 'the model refused';
    default:
      if (cause instanceof Error) {
        const token = knownToken(cause);
        return error.kind === 'malformed' && !token ? 'the response could not be read' : `the endpoint reported an error${token}`;
      }
      return ownMessage; // raised by our own checks of the response
  }
}

/**
 * The error as it may be stored on a run or shown by Test connection: secrets masked always, and, for an
 * endpoint the workspace chose (`echo: false`), nothing of the response body.
 */
export function safeProviderError(error: ProviderError, options: { echo: boolean; secrets?: (string | undefined)[] }): ProviderError {
  const label = error.details.provider ?? 'provider';
  const message = options.echo ? error.message : `${label}: ${summary(error)}`;
  return new ProviderError(error.kind, redactSecrets(message, options.secrets), error.details);
}

/** Wraps a provider so every ProviderError it throws is made safe (see safeProviderError). */
export function withSafeErrors(provider: LlmProvider, options: { echo: boolean; secrets?: (string | undefined)[] }): LlmProvider {
  const rethrow = (error: unknown): never => {
    throw error instanceof ProviderError ? safeProviderError(error, options) : error;
  };
  return {
    kind: provider.kind,
    complete: (request) => provider.complete(request).catch(rethrow),
    stream: (request, onDelta) => provider.stream(request, onDelta).catch(rethrow),
    listModels: (listOptions) => provider.listModels(listOptions).catch(rethrow),
  };
}
