import 'server-only';

/**
 * Cuts text into pieces a BPE encoder handles in bounded time. BPE merging is quadratic in the length of one
 * pre-token (a run of letters, digits or punctuation), so 100,000 characters without a space took seconds.
 *
 * Pieces are cut where the tokenizer's own pre-tokenizer (the regex passed in) ends a pre-token that ends in a
 * non-space character, so encoding the pieces one by one gives exactly the tokens of the whole text. Only a
 * pre-token longer than MAX_PRETOKEN_CHARS is cut inside (never inside a surrogate pair), which can change the
 * count by a token or so per cut: such runs (hashes, base64, minified code) are rare in prompts.
 */

/** Longest pre-token encoded whole: merging 128 characters costs about a microsecond per character. */
export const MAX_PRETOKEN_CHARS = 96;
/** Pieces of ordinary text grow to about this size (fewer encoder calls, bounded memory per call). */
export const TARGET_PIECE_CHARS = 2048;

/** A piece is cut here even after a pre-token that ends in whitespace (text made only of such pre-tokens). */
export const MAX_PIECE_CHARS = 4 * TARGET_PIECE_CHARS;

const WHITESPACE = /\s/;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Where to cut a long run so no surrogate pair is split. */
function cutAt(text: string, at: number): number {
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

function* hardSplit(text: string, start: number, end: number): Generator<string> {
  let at = start;
  while (at < end) {
    const next = end - at <= MAX_PRETOKEN_CHARS ? end : cutAt(text, at + MAX_PRETOKEN_CHARS);
    yield text.slice(at, next);
    at = next;
  }
}

/**
 * The pieces of `text`, in order; joined they give `text` back. None is longer than MAX_PIECE_CHARS, and no
 * pre-token inside a piece is longer than MAX_PRETOKEN_CHARS.
 */
export function* splitForEncoding(text: string, splitPattern: RegExp): Generator<string> {
  if (text.length <= MAX_PRETOKEN_CHARS) {
    if (text) yield text;
    return;
  }
  const pattern = new RegExp(splitPattern.source, splitPattern.flags.includes('g') ? splitPattern.flags : `${splitPattern.flags}g`);
  let pieceStart = 0;
  let position = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) {
      pattern.lastIndex += 1; // an empty match cannot happen with the tokenizers' patterns; never loop on one
      continue;
    }
    if (end - start > MAX_PRETOKEN_CHARS) {
      if (start > pieceStart) yield text.slice(pieceStart, start);
      yield* hardSplit(text, start, end);
      pieceStart = end;
    } else if (end - pieceStart > MAX_PIECE_CHARS - MAX_PRETOKEN_CHARS) {
      yield text.slice(pieceStart, start);
      pieceStart = start;
    } else if (end - pieceStart >= TARGET_PIECE_CHARS && !WHITESPACE.test(text.charAt(end - 1))) {
      // A pre-token ending in whitespace could be split differently at the end of a piece (lookaheads).
      yield text.slice(pieceStart, end);
      pieceStart = end;
    }
    position = end;
  }
  // The patterns match every character; anything left unmatched is encoded as it is, in bounded pieces.
  if (position < text.length) {
    if (position > pieceStart) yield text.slice(pieceStart, position);
    yield* hardSplit(text, position, text.length);
  } else if (pieceStart < text.length) {
    yield text.slice(pieceStart);
  }
}
