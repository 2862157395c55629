import { AMBIGUOUS_LEGAL_FORMS, STRONG_LEGAL_FORMS } from './legal-forms.js';
import { foldWords } from './text.js';

export interface NormalizedName {
  /** Folded words without legal forms, joined by one space: the string compared character-wise. */
  key: string;
  /** The key's words with plural endings folded (`services` → `service`): compared as tokens. */
  tokens: string[];
  /** Legal forms found and removed, as folded words ("gmbh", "pty ltd"). */
  legalForms: string[];
}

/** Strong forms by their first word, longest first. */
const STRONG_BY_FIRST_WORD = new Map<string, (readonly string[])[]>();
for (const form of STRONG_LEGAL_FORMS) {
  const list = STRONG_BY_FIRST_WORD.get(form[0]);
  if (list) list.push(form);
  else STRONG_BY_FIRST_WORD.set(form[0], [form]);
}

/** Ambiguous forms by their first word and by their last word. */
const AMBIGUOUS_BY_FIRST_WORD = new Map<string, (readonly string[])[]>();
const AMBIGUOUS_BY_LAST_WORD = new Map<string, (readonly string[])[]>();
for (const form of AMBIGUOUS_LEGAL_FORMS) {
  for (const [map, word] of [[AMBIGUOUS_BY_FIRST_WORD, form[0]], [AMBIGUOUS_BY_LAST_WORD, form[form.length - 1]]] as const) {
    const list = map.get(word);
    if (list) list.push(form);
    else map.set(word, [form]);
  }
}
const NO_FORMS: (readonly string[])[] = [];

/** Ambiguous forms written before the name in their countries ("PT Acme", "AB Volvo"). */
const PREFIX_FORMS = new Set(['pt', 'ao', 'ab', 'cv']);

function matchesAt(words: readonly string[], at: number, form: readonly string[], removed: readonly boolean[]): boolean {
  if (at < 0 || at + form.length > words.length) return false;
  for (let k = 0; k < form.length; k++) if (removed[at + k] || words[at + k] !== form[k]) return false;
  return true;
}

function firstKept(removed: readonly boolean[], from: number, step: 1 | -1): number {
  let i = from;
  while (i >= 0 && i < removed.length && removed[i]) i += step;
  return i;
}

/** Normalises an account name: Unicode NFKC, case fold, diacritics, `&` → `and`, punctuation,
 * legal forms of many countries removed wherever they stand. A name made only of legal-form
 * words ("Limited") keeps its words. */
export function normalizeName(raw: string | undefined | null): NormalizedName {
  const words = raw ? foldWords(raw) : [];
  const removed = new Array<boolean>(words.length).fill(false);
  const found: string[] = [];
  const take = (at: number, form: readonly string[]): void => {
    for (let k = 0; k < form.length; k++) removed[at + k] = true;
    found.push(form.join(' '));
  };
  // Strong forms anywhere.
  for (let i = 0; i < words.length; i++) {
    const candidates = STRONG_BY_FIRST_WORD.get(words[i]);
    if (candidates === undefined) continue;
    for (const form of candidates) {
      if (matchesAt(words, i, form, removed)) {
        take(i, form);
        i += form.length - 1;
        break;
      }
    }
  }
  // Ambiguous forms next to a removed legal form ("Co Ltd", "GmbH & Co KG").
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < words.length && found.length > 0; i++) {
      if (removed[i]) continue;
      for (const form of AMBIGUOUS_BY_FIRST_WORD.get(words[i]) ?? NO_FORMS) {
        if (!matchesAt(words, i, form, removed)) continue;
        const before = i > 0 && removed[i - 1];
        const after = i + form.length < words.length && removed[i + form.length];
        // A joining "and" between two legal forms ("GmbH & Co KG") goes with them.
        if (before || after) {
          take(i, form);
          changed = true;
          break;
        }
      }
    }
  }
  // Ambiguous forms at the end (repeatedly: "Acme AS ASA") and at the start ("PT Acme").
  for (let again = true; again; ) {
    again = false;
    const last = firstKept(removed, words.length - 1, -1);
    if (last < 0) break;
    for (const form of AMBIGUOUS_BY_LAST_WORD.get(words[last]) ?? NO_FORMS) {
      const at = last - form.length + 1;
      if (at > 0 && matchesAt(words, at, form, removed) && firstKept(removed, 0, 1) < at) {
        take(at, form);
        again = true;
        break;
      }
    }
  }
  const first = firstKept(removed, 0, 1);
  for (const form of first < words.length ? (AMBIGUOUS_BY_FIRST_WORD.get(words[first]) ?? NO_FORMS) : NO_FORMS) {
    if (form.length !== 1 || !PREFIX_FORMS.has(form[0])) continue;
    const last = firstKept(removed, words.length - 1, -1);
    if (matchesAt(words, first, form, removed) && first + form.length - 1 < last) {
      take(first, form);
      break;
    }
  }
  // Drop an "and" left dangling between removed forms or at the edges.
  for (let i = 0; i < words.length; i++) {
    if (removed[i] || words[i] !== 'and') continue;
    const prevGone = i === 0 || removed[i - 1];
    const nextGone = i === words.length - 1 || removed[i + 1];
    if (prevGone && nextGone && found.length > 0) removed[i] = true;
  }
  let kept = words.filter((_, i) => !removed[i]);
  if (found.length > 0) {
    while (kept.length > 1 && kept[kept.length - 1] === 'and') kept.pop();
    while (kept.length > 1 && kept[0] === 'and') kept.shift();
  }
  if (kept.length === 0) {
    kept = words;
    found.length = 0;
  }
  return { key: kept.join(' '), tokens: kept.map(stemToken), legalForms: found };
}

/** Folds common English plural endings so that "Services" and "Service" are one token. */
export function stemToken(word: string): string {
  if (word.length >= 5 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length >= 5 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}
