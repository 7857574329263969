import 'server-only';

/** What a provider keeps of a streamed reply: bounded in size, and only text whatever an endpoint sends. */

/** Used when a request names no limit (RUN_MAX_OUTPUT_CHARS sets it for runs). */
export const DEFAULT_MAX_OUTPUT_CHARS = 200_000;
/** The finish reason of a reply cut at the output limit (the model's own was never read). */
export const OUTPUT_LIMIT_FINISH_REASON = 'output_limit';

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** The first `length` UTF-16 units of `text`, one less rather than half of a surrogate pair. */
export function sliceWhole(text: string, length: number): string {
  if (length >= text.length) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(length - 1)) ? length - 1 : length);
}

/**
 * The text of a streamed delta. Custom OpenAI-compatible servers send odd shapes: a number, null, an object, an
 * array of content parts. Strings and the `text` of parts are kept; anything else counts as no text.
 */
export function deltaText(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (depth > 2 || typeof value !== 'object' || value === null) return '';
  if (Array.isArray(value)) return value.map((part) => deltaText(part, depth + 1)).join('');
  const text = (value as { text?: unknown }).text;
  return typeof text === 'string' ? text : '';
}

export type OutputCollector = {
  /** Appends a delta and returns the part kept: all of it, the part that fits, or '' once the limit is reached. */
  add(text: string): string;
  readonly text: string;
  /** True once a delta did not fit: the caller stops reading and aborts the stream. */
  readonly truncated: boolean;
};

export function createOutputCollector(maxChars: number = DEFAULT_MAX_OUTPUT_CHARS): OutputCollector {
  const parts: string[] = [];
  let length = 0;
  let truncated = false;
  let joined: string | null = '';
  return {
    add(text) {
      if (truncated || !text) return '';
      let kept = text;
      if (length + text.length > maxChars) {
        kept = sliceWhole(text, maxChars - length);
        truncated = true;
      }
      if (kept) {
        parts.push(kept);
        length += kept.length;
        joined = null;
      }
      return kept;
    },
    get text() {
      joined ??= parts.join('');
      return joined;
    },
    get truncated() {
      return truncated;
    },
  };
}
