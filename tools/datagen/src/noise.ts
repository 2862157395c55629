import type { Random } from './random.js';
import { FREE_MAIL_DOMAINS, HOSTING_SUFFIXES, KEYBOARD_NEIGHBOURS, SOCIAL_URLS } from './vocabulary.js';

/**
 * The ways records of one business differ across source systems. Each function takes the clean
 * value and returns a variant as people and systems write it.
 */

/** One typing slip: a dropped, doubled, swapped or neighbouring key. Short words are left alone. */
export function typo(rng: Random, text: string): string {
  const letters: number[] = [];
  for (let i = 0; i < text.length; i++) if (/[a-z]/i.test(text[i])) letters.push(i);
  if (letters.length < 4) return text;
  // Keep the first letter: slips there are rare in practice.
  const at = letters[rng.int(1, letters.length - 1)];
  const ch = text[at];
  switch (rng.int(0, 3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + ch + text.slice(at);
    case 2: {
      const next = at + 1 < text.length && /[a-z]/i.test(text[at + 1]) ? at + 1 : at - 1;
      const [a, b] = next > at ? [at, next] : [next, at];
      return text.slice(0, a) + text[b] + text[a] + text.slice(b + 1);
    }
    default: {
      const near = KEYBOARD_NEIGHBOURS[ch.toLowerCase()];
      if (!near) return text;
      const sub = rng.pick([...near]);
      return text.slice(0, at) + (ch === ch.toUpperCase() ? sub.toUpperCase() : sub) + text.slice(at + 1);
    }
  }
}

/** A company name as another system holds it: other legal form, case, `&`/and, a typo. */
export function nameVariant(rng: Random, clean: string, legalForm: string, otherForms: readonly string[]): string {
  const base = rng.chance(0.12) ? typo(rng, clean) : clean;
  let name = base;
  const r = rng.float();
  if (r < 0.35) name = `${base} ${legalForm}`;
  else if (r < 0.5) name = `${base} ${rng.pick(otherForms)}`;
  else if (r < 0.55) name = `${base}, ${legalForm}`;
  else if (r < 0.58) name = `The ${base}`;
  if (name.includes(' & ') && rng.chance(0.4)) name = name.replace(' & ', ' and ');
  else if (name.includes(' and ') && rng.chance(0.4)) name = name.replace(' and ', ' & ');
  const c = rng.float();
  if (c < 0.08) name = name.toUpperCase();
  else if (c < 0.12) name = name.toLowerCase();
  if (rng.chance(0.03)) name = `${name}.`;
  if (rng.chance(0.03)) name = ` ${name}  `;
  return name;
}

/** A web site as typed into a CRM: bare domain, www, scheme, path, upper case. */
export function urlVariant(rng: Random, domain: string): string {
  const r = rng.float();
  if (r < 0.35) return domain;
  if (r < 0.55) return `www.${domain}`;
  if (r < 0.7) return `https://www.${domain}/`;
  if (r < 0.8) return `http://${domain}`;
  if (r < 0.87) return `https://${domain}/${rng.pick(['about', 'en-us', 'contact', 'home', 'products'])}`;
  if (r < 0.92) return `WWW.${domain.toUpperCase()}`;
  return `https://www.${domain}:443/`;
}

/** A look-alike domain: one letter off, another TLD, a hyphenated or suffixed label. */
export function typoDomain(rng: Random, domain: string): string {
  const dot = domain.indexOf('.');
  const label = domain.slice(0, dot);
  const suffix = domain.slice(dot);
  const r = rng.float();
  if (r < 0.5) return `${typo(rng, label)}${suffix}`;
  if (r < 0.7) return `${label}${rng.pick(['.co', '.net', '.io', '.biz'])}`;
  if (r < 0.85) return `${label}${rng.pick(['inc', 'corp', 'group', 'hq', 'online'])}${suffix}`;
  return `get${label}${suffix}`;
}

/** A page on a social network or a hosting service: never evidence of a relation. */
export function noEvidenceWebsite(rng: Random, label: string): string {
  if (rng.chance(0.5)) return `${rng.pick(SOCIAL_URLS)}${label}`;
  return `https://${label}.${rng.pick(HOSTING_SUFFIXES)}`;
}

export function freeMail(rng: Random, label: string): string {
  return `${label}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${rng.pick(FREE_MAIL_DOMAINS)}`;
}

/** A phone number written one of the ways people write it. `area` and `subscriber` are digits. */
export function phoneVariant(rng: Random, callingCode: string, area: string, subscriber: string): string {
  const nanp = callingCode === '1';
  if (nanp) {
    const a = subscriber.slice(0, 3);
    const b = subscriber.slice(3);
    switch (rng.int(0, 6)) {
      case 0:
        return `(${area}) ${a}-${b}`;
      case 1:
        return `(${area})${a}-${b}`;
      case 2:
        return `${area}${subscriber}`;
      case 3:
        return `${area}-${a}-${b}`;
      case 4:
        return `+1 ${area} ${a} ${b}`;
      case 5:
        return `${area}.${a}.${b}`;
      default:
        return `1-${area}-${a}-${b}${rng.chance(0.3) ? ` x${rng.int(100, 999)}` : ''}`;
    }
  }
  const half = Math.ceil(subscriber.length / 2);
  const spaced = `${subscriber.slice(0, half)} ${subscriber.slice(half)}`;
  const trunk = area.startsWith('0') ? area : `0${area}`;
  switch (rng.int(0, 4)) {
    case 0:
      return `+${callingCode} ${area.replace(/^0/, '')} ${spaced}`;
    case 1:
      return `+${callingCode}${area.replace(/^0/, '')}${subscriber}`;
    case 2:
      return `${trunk} ${spaced}`;
    case 3:
      return `00${callingCode} ${area.replace(/^0/, '')} ${subscriber}`;
    default:
      return `(${trunk}) ${spaced}`;
  }
}

const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\bStreet\b/, 'St'],
  [/\bSt\b/, 'Street'],
  [/\bAvenue\b/, 'Ave'],
  [/\bAve\b/, 'Avenue'],
  [/\bRoad\b/, 'Rd'],
  [/\bBoulevard\b/, 'Blvd'],
  [/\bBlvd\b/, 'Boulevard'],
  [/\bDr\b/, 'Drive'],
  [/\bSuite\b/, 'Ste'],
];

/** An address as another system holds it: abbreviations, case, missing unit. */
export function addressVariant(rng: Random, address: string): string {
  let out = address;
  if (rng.chance(0.5)) {
    for (const [pattern, replacement] of ABBREVIATIONS) {
      if (pattern.test(out)) {
        out = out.replace(pattern, replacement);
        break;
      }
    }
  }
  if (rng.chance(0.2)) out = out.replace(/,? (Suite|Ste|Floor) \w+/, '');
  if (rng.chance(0.1)) out = out.toUpperCase();
  if (rng.chance(0.05)) out = typo(rng, out);
  return out;
}
