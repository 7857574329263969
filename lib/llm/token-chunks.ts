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

/**
 * Longest pre-token encoded whole. Merging is quadratic in a pre-token's bytes: past about 80 characters the cost
 * per character jumps (measured: 200,000 random letters in 64-character runs ~10 ms, in 96-character runs ~120 ms).
 */
export const MAX_PRETOKEN_CHARS = 64;
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

/** A piece of text to encode, and an estimate of the encoder's work on it (see pretokenWork). */
export type Piece = { text: string; work: number };

/**
 * Work of merging one pre-token: quadratic in its length, and a multi-byte script has about three bytes a
 * character (a pre-token's last character tells the script apart from the leading space or punctuation).
 */
function pretokenWork(text: string, start: number, end: number): number {
  const length = end - start;
  return length * length * (text.charCodeAt(end - 1) >= 0x80 ? 4 : 1);
}

function* hardSplit(text: string, start: number, end: number): Generator<Piece> {
  let at = start;
  while (at < end) {
    const next = end - at <= MAX_PRETOKEN_CHARS ? end : cutAt(text, at + MAX_PRETOKEN_CHARS);
    yield { text: text.slice(at, next), work: pretokenWork(text, at, next) };
    at = next;
  }
}

/**
 * The pieces of `text`, in order; joined they give `text` back. None is longer than MAX_PIECE_CHARS, and no
 * pre-token inside a piece is longer than MAX_PRETOKEN_CHARS. Lazy: a caller that stops early stops the scan.
 */
export function* splitForEncoding(text: string, splitPattern: RegExp): Generator<Piece> {
  if (text.length <= MAX_PRETOKEN_CHARS) {
    if (text) yield { text, work: pretokenWork(text, 0, text.length) };
    return;
  }
  const pattern = new RegExp(splitPattern.source, splitPattern.flags.includes('g') ? splitPattern.flags : `${splitPattern.flags}g`);
  let pieceStart = 0;
  let pieceWork = 0;
  let position = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) {
      pattern.lastIndex += 1; // an empty match cannot happen with the tokenizers' patterns; never loop on one
      continue;
    }
    const work = pretokenWork(text, start, end);
    if (end - start > MAX_PRETOKEN_CHARS) {
      if (start > pieceStart) yield { text: text.slice(pieceStart, start), work: pieceWork };
      yield* hardSplit(text, start, end);
      pieceStart = end;
      pieceWork = 0;
    } else if (end - pieceStart > MAX_PIECE_CHARS - MAX_PRETOKEN_CHARS) {
      yield { text: text.slice(pieceStart, start), work: pieceWork };
      pieceStart = start;
      pieceWork = work;
    } else {
      pieceWork += work;
      if (end - pieceStart >= TARGET_PIECE_CHARS && !WHITESPACE.test(text.charAt(end - 1))) {
        // A pre-token ending in whitespace could be split differently at the end of a piece (lookaheads).
        yield { text: text.slice(pieceStart, end), work: pieceWork };
        pieceStart = end;
        pieceWork = 0;
      }
    }
    position = end;
  }
  // The patterns match every character; anything left unmatched is encoded as it is, in bounded pieces.
  if (position < text.length) {
    if (position > pieceStart) yield { text: text.slice(pieceStart, position), work: pieceWork };
    yield* hardSplit(text, position, text.length);
  } else if (pieceStart < text.length) {
    yield { text: text.slice(pieceStart), work: pieceWork };
  }
}
