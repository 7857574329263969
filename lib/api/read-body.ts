import 'server-only';

/**
 * Reads a request (or response) body as UTF-8, but never more than `maxBytes`: a declared Content-Length over the cap is refused
 * before reading, and a stream that runs past it is cancelled. Null when the body is too large, or with `truncate` its
 * first `maxBytes` (a character cut there decodes as U+FFFD).
 */
export async function readBodyCapped(req: Pick<Request, 'headers' | 'body'>, maxBytes: number, options: { truncate?: boolean } = {}): Promise<string | null> {
  const declared = Number(req.headers.get('content-length') ?? '');
  if (!options.truncate && Number.isFinite(declared) && declared > maxBytes) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      if (!options.truncate) return null;
      chunks.push(value);
      return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
