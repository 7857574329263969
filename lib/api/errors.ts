/** The one error vocabulary: each code has exactly one HTTP status. */
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  BUDGET_EXCEEDED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_INPUT: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  PROVIDER_ERROR: 502,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One invalid field: `path` is dotted (`variables.topic`, `items.3.input`), `message` short (`is required`). */
export type FieldError = { path: string; message: string };

export type ErrorDetails = { fields?: FieldError[] } & Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly details: ErrorDetails | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { fields?: FieldError[]; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = errorStatus[code];
    this.headers = options.headers ?? {};
    const details = { ...options.details, ...(options.fields ? { fields: options.fields } : {}) };
    this.details = Object.keys(details).length > 0 ? details : undefined;
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);

/** A 422 naming one field: the message reads "`path`: message", `details.fields` carries it for forms. */
export const fieldError = (path: string, message: string) =>
  new ApiError('INVALID_INPUT', path ? `\`${path}\`: ${message}` : message, { fields: [{ path, message }] });
