/** Text folding shared by the name and address normalisers. */

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};
const SPECIAL_RE = /[ßæœøłđðþıħ]/g;
const MARKS_RE = /\p{M}+/gu;
const APOSTROPHES_RE = /['’‘`´ʼ]/g;
/** Single letters joined by dots or a slash, as legal forms and initials are written: S.A., s.p.a, A/S, U.S.A. */
const DOTTED_LETTERS_RE = /(?<![\p{L}\p{N}])\p{L}(?:[./]\p{L})+\.?(?![\p{L}\p{N}])/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
/** NON_WORD_RE on lower-cased ASCII, whose only letters and digits are a-z and 0-9. */
const ASCII_NON_WORD_RE = /[^a-z0-9]+/;
const AND_RE = /[&+]/g;
const DOT_SLASH_RE = /[./]/g;
/** Plain ASCII needs no Unicode normalisation. */
const ASCII_RE = /^[\x00-\x7f]*$/;

/** Unicode NFKC, case fold, diacritics removed, `&` → `and`, apostrophes dropped, dotted or
 * slashed single letters joined (`S.A.` → `sa`), all other punctuation a word break.
 * Returns the words. */
export function foldWords(raw: string): string[] {
  let s: string;
  const ascii = ASCII_RE.test(raw);
  if (ascii) s = raw.toLowerCase();
  else {
    s = raw.normalize('NFKC').toLowerCase();
    s = s.normalize('NFD').replace(MARKS_RE, '').normalize('NFC');
    s = s.replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c);
  }
  s = s.replace(AND_RE, ' and ');
  s = s.replace(APOSTROPHES_RE, '');
  // Dotted or slashed letters need a dot or a slash: most names have neither.
  if (s.includes('.') || s.includes('/')) s = s.replace(DOTTED_LETTERS_RE, (m) => m.replace(DOT_SLASH_RE, ''));
  // Lower-cased ASCII has no letters or digits but a-z and 0-9.
  const words = s.split(ascii ? ASCII_NON_WORD_RE : NON_WORD_RE);
  const out: string[] = [];
  for (const w of words) if (w !== '') out.push(w);
  return out;
}
