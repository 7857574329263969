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

/** A piece of text to encode, and the encoder's work on it: the sum of its pre-tokens' (see PretokenWork). */
export type Piece = { text: string; work: number };

/** The encoder's work on the pre-token `text.slice(start, end)`, called once per pre-token in text order. */
export type PretokenWork = (text: string, start: number, end: number) => number;

/** Without a measure of its own, a pre-token costs the square of its length (merging is quadratic in it). */
const squaredLength: PretokenWork = (_text, start, end) => (end - start) ** 2;

function* hardSplit(text: string, start: number, end: number, pretokenWork: PretokenWork): Generator<Piece> {
  let at = start;
  while (at < end) {
    const next = end - at <= MAX_PRETOKEN_CHARS ? end : cutAt(text, at + MAX_PRETOKEN_CHARS);
    yield { text: text.slice(at, next), work: pretokenWork(text, at, next) };
    at = next;
  }
}

/**
 * The regex runs over windows of this many characters, not the whole text: one match can span a whole run (1 MB of
 * CJK is one run), and a caller that stops after a few pieces should not pay for scanning all of it.
 */
export const SCAN_WINDOW_CHARS = 16_384;
// A match ending this close to a window's end may read on past it (a greedy run, a 're suffix, a lookahead, `$`).
const WINDOW_MARGIN_CHARS = 16;

/**
 * The pieces of `text`, in order; joined they give `text` back. None is longer than MAX_PIECE_CHARS, and no
 * pre-token inside a piece is longer than MAX_PRETOKEN_CHARS. Lazy: a caller that stops early stops the scan.
 */
export function* splitForEncoding(text: string, splitPattern: RegExp, pretokenWork: PretokenWork = squaredLength): Generator<Piece> {
  if (text.length <= MAX_PRETOKEN_CHARS) {
    if (text) yield { text, work: pretokenWork(text, 0, text.length) };
    return;
  }
  const pattern = new RegExp(splitPattern.source, splitPattern.flags.includes('g') ? splitPattern.flags : `${splitPattern.flags}g`);
  let pieceStart = 0;
  let pieceWork = 0;
  let position = 0; // where the next pre-token starts
  while (position < text.length) {
    const windowEnd = Math.min(text.length, position + SCAN_WINDOW_CHARS);
    const open = windowEnd < text.length; // more text follows this window
    const window = text.slice(position, windowEnd);
    const base = position;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(window); match; match = pattern.exec(window)) {
      const start = base + match.index;
      const end = start + match[0].length;
      if (end === start) {
        pattern.lastIndex += 1; // an empty match cannot happen with the tokenizers' patterns; never loop on one
        continue;
      }
      if (open && end > windowEnd - WINDOW_MARGIN_CHARS) {
        // Matched again from the next window, except whole pre-token lengths of a long run, cut here as below.
        const whole = Math.floor((windowEnd - WINDOW_MARGIN_CHARS - start) / MAX_PRETOKEN_CHARS) * MAX_PRETOKEN_CHARS;
        if (end - start > MAX_PRETOKEN_CHARS && whole > 0) {
          const cut = cutAt(text, start + whole);
          if (start > pieceStart) yield { text: text.slice(pieceStart, start), work: pieceWork };
          yield* hardSplit(text, start, cut, pretokenWork);
          pieceStart = position = cut;
          pieceWork = 0;
        }
        break;
      }
      if (end - start > MAX_PRETOKEN_CHARS) {
        if (start > pieceStart) yield { text: text.slice(pieceStart, start), work: pieceWork };
        yield* hardSplit(text, start, end, pretokenWork);
        pieceStart = end;
        pieceWork = 0;
      } else if (end - pieceStart > MAX_PIECE_CHARS - MAX_PRETOKEN_CHARS) {
        yield { text: text.slice(pieceStart, start), work: pieceWork };
        pieceStart = start;
        pieceWork = pretokenWork(text, start, end);
      } else {
        pieceWork += pretokenWork(text, start, end);
        if (end - pieceStart >= TARGET_PIECE_CHARS && !WHITESPACE.test(text.charAt(end - 1))) {
          // A pre-token ending in whitespace could be split differently at the end of a piece (lookaheads).
          yield { text: text.slice(pieceStart, end), work: pieceWork };
          pieceStart = end;
          pieceWork = 0;
        }
      }
      position = end;
    }
    if (position === base) break; // nothing matched at `position`
  }
  // The patterns match every character; anything left unmatched is encoded as it is, in bounded pieces.
  if (position < text.length) {
    if (position > pieceStart) yield { text: text.slice(pieceStart, position), work: pieceWork };
    yield* hardSplit(text, position, text.length, pretokenWork);
  } else if (pieceStart < text.length) {
    yield { text: text.slice(pieceStart), work: pieceWork };
  }
}
