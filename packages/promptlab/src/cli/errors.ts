/** A field the API (or a local file check) named as wrong: `path` is dotted, as in the API's `details.fields`. */
export type FieldProblem = { path: string; message: string };

/** What the CLI prints instead of a stack trace; `exitCode` 2 means "could not check" (config, network, server). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly options: { exitCode?: number; fields?: FieldProblem[]; hint?: string } = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
  get exitCode(): number {
    return this.options.exitCode ?? 2;
  }
}

/** An error envelope from the API: `{ data: null, error: { code, message, details: { fields } } }`. */
export class ApiRequestError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    fields: FieldProblem[] = [],
  ) {
    super(message, { fields });
    this.name = 'ApiRequestError';
  }
}

/** The lines printed for an error: the message, then each field, then a hint. */
export function describeError(error: unknown): string[] {
  if (error instanceof ApiRequestError) {
    return [`error: ${error.message} (${error.code}, HTTP ${error.status})`, ...fieldLines(error.options.fields), ...hintLines(error.options.hint)];
  }
  if (error instanceof CliError) return [`error: ${error.message}`, ...fieldLines(error.options.fields), ...hintLines(error.options.hint)];
  const message = error instanceof Error ? error.message : String(error);
  return [`error: ${message}`];
}

const fieldLines = (fields: FieldProblem[] | undefined) => (fields ?? []).map((f) => `  ${f.path || '(body)'}: ${f.message}`);
const hintLines = (hint: string | undefined) => (hint ? [`hint: ${hint}`] : []);
