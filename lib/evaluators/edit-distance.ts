/*
 * Levenshtein distance by Myers' bit-parallel algorithm in Hyyrö's blocked form: 32 cells of the table per
 * machine word, so two 10,000-character texts take milliseconds instead of a 10⁸-cell table. Works on code
 * points (mapped to dense ids first), so an emoji counts as one character.
 */

/** The strings as dense symbol ids, shared between both. */
function toIds(a: readonly string[], b: readonly string[]): { a: Int32Array; b: Int32Array; symbols: number } {
  const ids = new Map<string, number>();
  const map = (s: readonly string[]) => Int32Array.from(s, (c) => ids.get(c) ?? (ids.set(c, ids.size), ids.size - 1));
  return { a: map(a), b: map(b), symbols: ids.size };
}

/** Edit distance (insertions, deletions, substitutions) between two sequences of code points. */
export function editDistance(left: readonly string[], right: readonly string[]): number {
  // Trimming the shared prefix and suffix is free and makes near-equal texts cheap.
  let start = 0;
  while (start < left.length && start < right.length && left[start] === right[start]) start++;
  let endL = left.length;
  let endR = right.length;
  while (endL > start && endR > start && left[endL - 1] === right[endR - 1]) {
    endL--;
    endR--;
  }
  const { a: x, b: y, symbols } = toIds(left.slice(start, endL), right.slice(start, endR));
  // `pattern` (bit vectors) is the longer one, `text` is scanned one symbol at a time.
  const [pattern, text] = x.length >= y.length ? [x, y] : [y, x];
  const m = pattern.length;
  const n = text.length;
  if (n === 0) return m;
  const peq = new Int32Array(symbols);
  const hsize = Math.ceil(n / 32);
  const phc = new Int32Array(hsize).fill(-1);
  const mhc = new Int32Array(hsize);
  const vsize = Math.ceil(m / 32);
  let score = m;
  for (let block = 0; block < vsize; block++) {
    const first = block * 32;
    const last = Math.min(first + 32, m);
    const lastBlock = block === vsize - 1;
    for (let k = first; k < last; k++) peq[pattern[k]!]! |= 1 << (k - first);
    let mv = 0;
    let pv = -1;
    const top = last - first - 1; // the bit of this block's last row
    for (let i = 0; i < n; i++) {
      const eq = peq[text[i]!]!;
      const word = i >>> 5;
      const bit = i & 31;
      const pb = (phc[word]! >>> bit) & 1;
      const mb = (mhc[word]! >>> bit) & 1;
      const xv = eq | mv;
      const xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (lastBlock) {
        score += (ph >>> top) & 1;
        score -= (mh >>> top) & 1;
      }
      if (((ph >>> 31) ^ pb) & 1) phc[word]! ^= 1 << bit;
      if (((mh >>> 31) ^ mb) & 1) mhc[word]! ^= 1 << bit;
      ph = (ph << 1) | pb;
      mh = (mh << 1) | mb;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    for (let k = first; k < last; k++) peq[pattern[k]!] = 0;
  }
  return score;
}
