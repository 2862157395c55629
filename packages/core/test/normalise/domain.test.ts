import { describe, expect, it } from 'vitest';
import { FREE_MAIL_DOMAINS, HOSTING_DOMAINS, normalizeDomain, registrableDomain, SOCIAL_DOMAINS } from '../../src/index.js';

describe('registrableDomain', () => {
  it('reads URLs with scheme, www, port, path and query', () => {
    expect(registrableDomain('http://www.acme.com/consulting')).toBe('acme.com');
    expect(registrableDomain('https://shop.acme.com:8443/x?y=1#z')).toBe('acme.com');
    expect(registrableDomain('WWW.ACME.COM')).toBe('acme.com');
    expect(registrableDomain('acme.com')).toBe('acme.com');
  });

  it('knows multi-part public suffixes', () => {
    expect(registrableDomain('www.acme.co.uk/x')).toBe('acme.co.uk');
    expect(registrableDomain('acme.com.au')).toBe('acme.com.au');
    expect(registrableDomain('http://a.b.acme.co.jp')).toBe('acme.co.jp');
  });

  it('reads e-mail addresses', () => {
    expect(registrableDomain('jane.doe@sales.acme.de')).toBe('acme.de');
    expect(registrableDomain('mailto:jane@acme.com')).toBe('acme.com');
  });

  it('returns nothing for values without a registrable domain', () => {
    for (const raw of ['', '   ', 'n/a', 'none', 'acme', '10.0.0.1', 'http://localhost:3000', 'www.acme .com', undefined, null]) {
      expect(registrableDomain(raw), String(raw)).toBeUndefined();
    }
  });
});

describe('normalizeDomain', () => {
  it('gives the label without the suffix, for comparison across TLDs', () => {
    expect(normalizeDomain('www.acme.co.uk')).toEqual({ domain: 'acme.co.uk', label: 'acme' });
    expect(normalizeDomain('acme.de')).toEqual({ domain: 'acme.de', label: 'acme' });
  });

  it('marks free-mail, social and hosting domains as no evidence', () => {
    expect(normalizeDomain('jane@gmail.com')?.ignored).toBe('free-mail');
    expect(normalizeDomain('bob@yahoo.co.uk')?.ignored).toBe('free-mail');
    expect(normalizeDomain('someone@hotmail.fr')?.ignored).toBe('free-mail');
    expect(normalizeDomain('https://www.linkedin.com/company/acme')?.ignored).toBe('social');
    expect(normalizeDomain('facebook.com/acme')?.ignored).toBe('social');
    expect(normalizeDomain('acme.wixsite.com/home')?.ignored).toBe('hosting');
    expect(normalizeDomain('acme.github.io')?.ignored).toBe('hosting');
    expect(normalizeDomain('acme.myshopify.com')?.ignored).toBe('hosting');
    expect(normalizeDomain('acme.com')?.ignored).toBeUndefined();
  });

  it('has a curated list in which every entry is itself a registrable domain', () => {
    for (const d of [...FREE_MAIL_DOMAINS, ...SOCIAL_DOMAINS, ...HOSTING_DOMAINS]) {
      expect(registrableDomain(d), d).toBe(d);
      expect(normalizeDomain(d)?.ignored, d).toBeDefined();
    }
    expect(FREE_MAIL_DOMAINS).toContain('gmail.com');
    expect(SOCIAL_DOMAINS).toContain('linkedin.com');
    expect(HOSTING_DOMAINS).toContain('wixsite.com');
  });
});
