import 'server-only';

/**
 * How much of an endpoint's answer a provider call reads. RUN_MAX_OUTPUT_CHARS applies only to parsed text, so
 * without a byte limit an endpoint could stream for as long as the call's timeout lasts.
 */
export type ResponseLimits = {
  /** Bytes of body read in all (after decompression). */
  maxBytes: number;
  /**
   * Bytes of one server-sent event, up to the blank line that ends it; null for a JSON answer. The OpenAI SDK
   * re-copies and rescans the unfinished event on every chunk, so an endpoint that never ends one is quadratic.
   */
  maxEventBytes: number | null;
};

const MiB = 1024 * 1024;
/**
 * A streamed delta carries its text in about 200–300 bytes of JSON (ids, model, padding) and often holds a single
 * character (CJK, one token a chunk): a reply as long as the output limit must still fit.
 */
const STREAM_BYTES_PER_OUTPUT_CHAR = 256;
/**
 * Real events are a few hundred bytes; a server that sends a whole reply as one event needs more. Measured: 20 MB
 * of 1 MB events cost less to parse than 20 MB of ordinary 200-byte ones, where one unended 20 MB event took 5.6 s.
 */
export const MAX_EVENT_BYTES = MiB;

/** The limits for a call whose reply may hold `maxOutputChars` characters, streamed (SSE) or as one JSON body. */
export function responseLimits({ maxOutputChars, stream }: { maxOutputChars: number; stream: boolean }): ResponseLimits {
  if (stream) return { maxBytes: MiB + STREAM_BYTES_PER_OUTPUT_CHAR * maxOutputChars, maxEventBytes: MAX_EVENT_BYTES };
  // A JSON body is read whole: room for the reply (≤ 4 bytes a character, UTF-8 or escaped) and a long model list.
  return { maxBytes: 2 * MiB + 4 * maxOutputChars, maxEventBytes: null };
}

/** An endpoint's answer was cut off at a ResponseLimits bound. Its message holds no byte of the answer. */
export class ResponseTooLargeError extends Error {
  readonly code = 'RESPONSE_TOO_LARGE';
  constructor(message: string) {
    super(message);
    this.name = 'ResponseTooLargeError';
  }
}

/** The ResponseTooLargeError anywhere in an error's cause chain (the SDKs may wrap it), else null. */
export function findResponseTooLarge(error: unknown): ResponseTooLargeError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    if (e instanceof ResponseTooLargeError) return e;
  }
  return null;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Index just past the last event end (\n\n, \r\r or \r\n\r\n, as the SDKs split events) in `tail` + `chunk`, or
 * -1. Scans back from the end, so an ordinary stream, whose chunks end with an event, costs a few bytes a chunk.
 */
function lastEventEnd(tail: Uint8Array, chunk: Uint8Array): number {
  const at = (i: number) => (i < tail.length ? tail[i]! : chunk[i - tail.length]!);
  for (let i = tail.length + chunk.length - 1; i >= 1; i--) {
    const byte = at(i);
    if (byte === LF && (at(i - 1) === LF || (i >= 3 && at(i - 1) === CR && at(i - 2) === LF && at(i - 3) === CR))) return i + 1;
    if (byte === CR && at(i - 1) === CR) return i + 1;
  }
  return -1;
}

const bytes = (n: number) => n.toLocaleString('en-US');

/** A pass-through stream that errors with ResponseTooLargeError once a limit is crossed (the source is then canceled). */
function limitStream(limits: ResponseLimits): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  let pending = 0; // bytes since the last event end
  let tail = new Uint8Array(0); // the last bytes seen, for an event end split across chunks
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > limits.maxBytes) {
        throw new ResponseTooLargeError(`the endpoint's answer exceeded ${bytes(limits.maxBytes)} bytes, the most a provider call reads`);
      }
      if (limits.maxEventBytes !== null) {
        const end = lastEventEnd(tail, chunk);
        pending = end === -1 ? pending + chunk.byteLength : tail.length + chunk.byteLength - end;
        if (pending > limits.maxEventBytes) {
          throw new ResponseTooLargeError(
            `the endpoint's answer exceeded ${bytes(limits.maxEventBytes)} bytes without ending a stream event (a blank line)`,
          );
        }
        tail = (chunk.byteLength >= 3 ? chunk : new Uint8Array([...tail, ...chunk])).slice(-3);
      }
      controller.enqueue(chunk);
    },
  });
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** The same response, its body read through the limits. */
export function limitResponse(response: Response, limits: ResponseLimits): Response {
  if (!response.body || NULL_BODY_STATUS.has(response.status)) return response;
  const limited = new Response(response.body.pipeThrough(limitStream(limits)), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // The SDKs log the URL; a constructed Response has none.
  Object.defineProperty(limited, 'url', { value: response.url });
  return limited;
}
