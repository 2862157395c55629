import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWords } from '../../src/normalise/text.js';
import { TokenTable } from '../../src/normalise/token-weights.js';

/** foldWords written plainly, every step on every string: the oracle of the fast paths. */
function foldWordsOracle(raw: string): string[] {
  let s = raw.normalize('NFKC').toLowerCase();
  s = s.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  const special: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
  s = s.replace(/[ßæœøłđðþıħ]/g, (c) => special[c] ?? c);
  s = s.replace(/&/g, ' and ').replace(/\+/g, ' and ');
  s = s.replace(/['’‘`´ʼ]/g, '');
  s = s.replace(/(?<![\p{L}\p{N}])\p{L}(?:[./]\p{L})+\.?(?![\p{L}\p{N}])/gu, (m) => m.replace(/[./]/g, ''));
  return s.split(/[^\p{L}\p{N}]+/gu).filter((w) => w !== '');
}

const nameLike = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019 .,/&+-\'’S.A.GmbHéÅßİ'.split('')), maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 20 }),
);

describe('foldWords', () => {
  it('agrees with the plain oracle on ASCII, Latin and arbitrary Unicode', () => {
    fc.assert(fc.property(nameLike, (raw) => {
        expect(foldWords(raw)).toEqual(foldWordsOracle(raw));
      }), { numRuns: 2000 });
  });

  it('folds legal-form spellings and joins', () => {
    expect(foldWords('Müller & Söhne S.A.')).toEqual(['muller', 'and', 'sohne', 'sa']);
    expect(foldWords('A/S Ørsted+Co')).toEqual(['as', 'orsted', 'and', 'co']);
    expect(foldWords("O'Brien's 3.5 Ltd.")).toEqual(['obriens', '3', '5', 'ltd']);
  });
});

describe('TokenTable.addDocument', () => {
  it('returns the distinct token ids sorted and counts each document once per token', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 8 }), { maxLength: 20 }), (docs) => {
        const table = new TokenTable();
        const df = new Map<string, number>();
        for (const doc of docs) {
          const ids = Array.from(table.addDocument(doc));
          const expected = [...new Set(doc.map((t) => table.ids.get(t)!))].sort((x, y) => x - y);
          expect(ids).toEqual(expected);
          for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
        }
        for (const [t, count] of df) expect(table.documentFrequency(table.ids.get(t)!)).toBe(count);
      }),
    );
  });
});
