import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** E.164 when the number has a possible length for its region, e.g. `+14085366000`. */
  e164?: string;
  /** The comparison key: E.164 when known, else the national digits (at least 7), which still
   * match the same number written with other punctuation. */
  key: string;
}

/** Normalises a phone number to E.164 through libphonenumber-js; numbers without a country
 * code are read in `defaultRegion`. A number of possible length for its country is written in
 * E.164 (checking full validity against the numbering plan costs ten times more and decides
 * nothing for matching). Undefined when the input has fewer than 7 digits. */
export function normalizePhone(raw: string | undefined | null, defaultRegion = 'US'): NormalizedPhone | undefined {
  if (!raw) return undefined;
  const digits = raw.replace(/\D+/g, '');
  if (digits.length < 7) return undefined;
  const parsed = parsePhoneNumberFromString(raw, { defaultCountry: defaultRegion.toUpperCase() as CountryCode });
  if (parsed && parsed.isPossible()) return { e164: parsed.number, key: parsed.number };
  if (parsed && parsed.nationalNumber.length >= 7) return { key: String(parsed.nationalNumber) };
  return { key: digits };
}
