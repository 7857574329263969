/** One invalid field, as the API names it: `path` is dotted (`variables.topic`, `split.1.weight`). */
export type FieldError = { path: string; message: string };

/**
 * Every failure the SDK surfaces. `code` is the API's error code (`NOT_FOUND`, `INVALID_INPUT`, …) or one of the
 * SDK's own: `NETWORK_ERROR` (the server could not be reached), `TIMEOUT`, `BAD_RESPONSE` (not the API's envelope).
 */
export class PromptLabError extends Error {
  readonly code: string;
  /** The HTTP status, 0 when no answer arrived. */
  readonly status: number;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: { status?: number; fields?: FieldError[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PromptLabError';
    this.code = code;
    this.status = options.status ?? 0;
    this.fields = options.fields ?? [];
    this.details = options.details;
  }

  /** True when retrying later may succeed: no answer, a timeout, 429 or a 5xx. The prompt cache serves its copy then. */
  get unavailable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
