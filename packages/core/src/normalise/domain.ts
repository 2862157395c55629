import { parse } from 'tldts';
import { ignoredDomainReason, type IgnoredReason } from './ignored-domains.js';

export interface NormalizedDomain {
  /** Registrable domain (eTLD+1), e.g. `acme.co.uk`. */
  domain: string;
  /** The registrable domain without its public suffix, e.g. `acme`: compared across TLDs. */
  label: string;
  /** Set when the domain is no evidence (free-mail, social, hosting). */
  ignored?: IgnoredReason;
}

const OPTIONS = { allowPrivateDomains: false, detectIp: true, validateHostname: true } as const;

/** Host part of an e-mail address, or the input itself. */
function hostSource(raw: string): string {
  const s = raw.trim();
  const at = s.lastIndexOf('@');
  if (at >= 0 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return s.slice(at + 1);
  return s;
}

/** Registrable domain (public-suffix aware) of a website, URL, host name or e-mail address,
 * with whether it is evidence. Undefined when the input holds no registrable domain. */
export function normalizeDomain(raw: string | undefined | null): NormalizedDomain | undefined {
  if (!raw) return undefined;
  const source = hostSource(raw);
  if (source === '' || /\s/.test(source)) return undefined;
  const parsed = parse(source.toLowerCase(), OPTIONS);
  if (!parsed.domain || !parsed.isIcann || parsed.isIp || !parsed.domainWithoutSuffix) return undefined;
  const domain = parsed.domain;
  const label = parsed.domainWithoutSuffix;
  const ignored = ignoredDomainReason(domain, label);
  return ignored ? { domain, label, ignored } : { domain, label };
}

/** Registrable domain of a website, URL or e-mail address (`http://www.acme.co.uk/x` →
 * `acme.co.uk`), or undefined when there is none. Free-mail and similar domains are returned
 * too; `normalizeDomain` says whether they are evidence. */
export function registrableDomain(raw: string | undefined | null): string | undefined {
  return normalizeDomain(raw)?.domain;
}
