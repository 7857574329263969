/** The server's prompt slug rule (lib/prompts/schemas.ts SLUG_PATTERN, at most 80 characters), in one place for the CLI. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 80;

export const isSlug = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
