import { describe, expect, it } from 'vitest';
import { nameVariant, phoneVariant, typo, typoDomain, urlVariant } from '../src/noise.js';
import { Random } from '../src/random.js';

const rng = new Random(42);
const TRIES = 500;

describe('noise', () => {
  it('a typo is one slip: length within one, first letter kept, short words untouched', () => {
    let changed = 0;
    for (let i = 0; i < TRIES; i++) {
      const out = typo(rng, 'Vantora Logistics');
      expect(Math.abs(out.length - 'Vantora Logistics'.length)).toBeLessThanOrEqual(1);
      expect(out[0]).toBe('V');
      if (out !== 'Vantora Logistics') changed++;
    }
    expect(changed).toBeGreaterThan(TRIES * 0.8);
    expect(typo(rng, 'IBM')).toBe('IBM');
  });

  it('phone variants keep the number: the same digits in every format', () => {
    const formats = new Set<string>();
    for (let i = 0; i < TRIES; i++) {
      const us = phoneVariant(rng, '1', '408', '5366000');
      expect(us.replace(/ x\d+$/, '').replace(/\D/g, '')).toMatch(/^1?4085366000$/);
      formats.add(us.replace(/\d/g, '9'));
      const uk = phoneVariant(rng, '44', '20', '79460123');
      expect(uk.replace(/\D/g, '')).toMatch(/^(0044|44|0)2079460123$/);
    }
    expect(formats.size).toBeGreaterThanOrEqual(7);
  });

  it('URL variants all hold the domain', () => {
    for (let i = 0; i < TRIES; i++) expect(urlVariant(rng, 'acme.co.uk').toLowerCase()).toContain('acme.co.uk');
  });

  it('look-alike domains differ from the real one but keep most of its label', () => {
    for (let i = 0; i < TRIES; i++) {
      const d = typoDomain(rng, 'vantora.com');
      expect(d).not.toBe('vantora.com');
      expect(d).toMatch(/^(get)?v[a-z]*\.[a-z.]+$/);
    }
  });

  it('name variants keep the base name recognisable', () => {
    for (let i = 0; i < TRIES; i++) {
      const v = nameVariant(rng, 'Summit Dental & Co', 'LLC', ['Inc', 'Corp']);
      expect(v.trim().length).toBeGreaterThanOrEqual('Summit Dental & Co'.length - 1);
      expect(v.toLowerCase()).toMatch(/^\s*(the )?s/);
    }
  });
});
