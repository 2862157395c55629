import { describe, expect, it } from 'vitest';
import { foldWords, normalizeName, stemToken, TokenTable, tokenWeight, GENERIC_WORDS, LEGAL_FORMS } from '../../src/index.js';

describe('foldWords', () => {
  it('applies NFKC, case folding, diacritics, & → and, and punctuation', () => {
    expect(foldWords('Société Générale & Cie')).toEqual(['societe', 'generale', 'and', 'cie']);
    expect(foldWords('ＡＣＭＥ　Ｃｏｒｐ')).toEqual(['acme', 'corp']);
    expect(foldWords('Straße Øresund Łódź')).toEqual(['strasse', 'oresund', 'lodz']);
    expect(foldWords("McDonald's, Inc.")).toEqual(['mcdonalds', 'inc']);
    expect(foldWords('S.p.A. / A/S / U.S.A.')).toEqual(['spa', 'as', 'usa']);
    expect(foldWords('  ')).toEqual([]);
  });
});

describe('normalizeName', () => {
  const key = (raw: string) => normalizeName(raw).key;

  it('removes legal forms of at least 25 countries', () => {
    const countries = new Set(LEGAL_FORMS.map((f) => f.country));
    expect(countries.size).toBeGreaterThanOrEqual(25);
    const cases: [string, string][] = [
      ['Acme Inc.', 'acme'], // US
      ['Acme, LLC', 'acme'],
      ['Acme Corporation', 'acme'],
      ['Acme Ltd', 'acme'], // GB
      ['Acme PLC', 'acme'],
      ['Acme GmbH', 'acme'], // DE
      ['Acme AG', 'acme'],
      ['Acme GmbH & Co. KG', 'acme'],
      ['Acme S.A.', 'acme'], // FR, ES, …
      ['Acme SAS', 'acme'],
      ['Acme S.à r.l.', 'acme'],
      ['Acme B.V.', 'acme'], // NL
      ['Acme N.V.', 'acme'],
      ['Acme K.K.', 'acme'], // JP
      ['Acme Kabushiki Kaisha', 'acme'],
      ['Acme Pty Ltd', 'acme'], // AU
      ['Acme S.p.A.', 'acme'], // IT
      ['Acme S.r.l.', 'acme'],
      ['Acme Oy', 'acme'], // FI
      ['Acme Oyj', 'acme'],
      ['Acme AB', 'acme'], // SE
      ['Acme A/S', 'acme'], // DK, NO
      ['Acme ApS', 'acme'],
      ['Acme ASA', 'acme'],
      ['Acme Sp. z o.o.', 'acme'], // PL
      ['Acme s.r.o.', 'acme'], // CZ
      ['Acme Kft.', 'acme'], // HU
      ['OOO Acme', 'acme'], // RU
      ['PT Acme Tbk', 'acme'], // ID
      ['Acme Sdn Bhd', 'acme'], // MY
      ['Acme Pte. Ltd.', 'acme'], // SG
      ['Acme Pvt Ltd', 'acme'], // IN
      ['Acme Ltda', 'acme'], // BR
      ['Acme S.A. de C.V.', 'acme'], // MX
      ['Acme Co., Ltd.', 'acme'], // CN, KR
      ['Acme d.o.o.', 'acme'], // HR, SI, RS
      ['Acme EOOD', 'acme'], // BG
      ['Acme SIA', 'acme'], // LV
      ['UAB Acme', 'acme'], // LT
      ['Acme OÜ', 'acme'], // EE
      ['Acme Ltd. Şti.', 'acme'], // TR
    ];
    for (const [raw, expected] of cases) expect(key(raw), raw).toBe(expected);
  });

  it('removes legal forms wherever they stand, and reports them', () => {
    expect(normalizeName('Acme Inc. Consulting')).toEqual({ key: 'acme consulting', tokens: ['acme', 'consulting'], legalForms: ['inc'] });
    expect(key('AB Volvo (publ)')).toBe('volvo');
    expect(key('Smith & Co')).toBe('smith');
    expect(key('Acme Holdings Ltd (UK)')).toBe('acme holdings uk');
  });

  it('keeps ambiguous short words that are part of the name', () => {
    expect(key('AG Services Inc')).toBe('ag services');
    expect(key('As You Like It LLC')).toBe('as you like it');
    expect(key('SA Recycling')).toBe('sa recycling');
  });

  it('keeps a name made only of legal-form words', () => {
    expect(normalizeName('Limited')).toEqual({ key: 'limited', tokens: ['limited'], legalForms: [] });
    expect(normalizeName('')).toEqual({ key: '', tokens: [], legalForms: [] });
    expect(normalizeName(undefined).key).toBe('');
  });

  it('folds plural endings in tokens only', () => {
    expect(stemToken('services')).toBe('service');
    expect(stemToken('industries')).toBe('industry');
    expect(stemToken('business')).toBe('business');
    expect(stemToken('campus')).toBe('campus');
    expect(normalizeName('Acme Services').tokens).toEqual(['acme', 'service']);
  });
});

describe('token weights', () => {
  it('weigh generic words and frequent words little, rare distinctive words much', () => {
    const table = new TokenTable();
    const names = [['acme', 'consulting'], ['globex', 'consulting'], ['initech', 'consulting'], ['acme'], ['umbrella', 'group']];
    const ids = names.map((n) => table.addDocument(n));
    table.finish(names.length);
    const w = (t: string) => table.weights[table.ids.get(t)!];
    expect(w('consulting')).toBeLessThan(w('acme') / 2);
    expect(w('group')).toBeLessThan(w('umbrella') / 2);
    expect(w('globex')).toBeGreaterThan(w('acme'));
    expect(table.documentFrequency(table.ids.get('consulting')!)).toBe(3);
    expect(Array.from(ids[0])).toEqual([...ids[0]].sort((a, b) => a - b));
    expect(GENERIC_WORDS.has('consulting')).toBe(true);
    expect(tokenWeight('acme', 1, 1000)).toBeGreaterThan(tokenWeight('acme', 100, 1000));
  });
});
