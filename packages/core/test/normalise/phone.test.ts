import { describe, expect, it } from 'vitest';
import { normalizeAddress, normalizePhone } from '../../src/index.js';

describe('normalizePhone', () => {
  it('writes valid numbers in E.164, whatever their punctuation', () => {
    for (const raw of ['(408)536-6000', '4085366000', '408.536.6000', '+1 408 536 6000', '1-408-536-6000']) {
      expect(normalizePhone(raw), raw).toEqual({ e164: '+14085366000', key: '+14085366000' });
    }
  });

  it('reads numbers without a country code in the default region', () => {
    expect(normalizePhone('030 1234567', 'DE')?.e164).toBe('+49301234567');
    expect(normalizePhone('020 7946 0958', 'GB')?.e164).toBe('+442079460958');
    expect(normalizePhone('+44 20 7946 0958', 'US')?.e164).toBe('+442079460958');
  });

  it('keeps the digits of numbers it cannot validate, and drops too-short ones', () => {
    expect(normalizePhone('386-5286')).toEqual({ key: '3865286' });
    expect(normalizePhone('12345')).toBeUndefined();
    expect(normalizePhone('n/a')).toBeUndefined();
    expect(normalizePhone(undefined)).toBeUndefined();
  });
});

describe('normalizeAddress', () => {
  it('unifies abbreviations and ordinals and finds house number and street', () => {
    expect(normalizeAddress('212 South Francisco Street')).toEqual({ key: '212 s francisco st', number: '212', street: 'francisco' });
    expect(normalizeAddress('212 S. Francisco Ave')).toEqual({ key: '212 s francisco ave', number: '212', street: 'francisco' });
    expect(normalizeAddress('124 E 113th St')?.street).toBe('113');
    expect(normalizeAddress('124 E. 113 St.')?.street).toBe('113');
    expect(normalizeAddress('')).toBeUndefined();
  });
});
