export { foldWords } from './text.js';
export { normalizeName, stemToken, type NormalizedName } from './name.js';
export { LEGAL_FORMS, STRONG_LEGAL_FORMS, AMBIGUOUS_LEGAL_FORMS } from './legal-forms.js';
export { TokenTable, tokenWeight, tokenPrior, roundedDocuments, quantisedFrequency, GENERIC_WORDS, STOP_WORDS } from './token-weights.js';
export { normalizeDomain, registrableDomain, type NormalizedDomain } from './domain.js';
export {
  ignoredDomainReason,
  FREE_MAIL_DOMAINS,
  SOCIAL_DOMAINS,
  HOSTING_DOMAINS,
  FREE_MAIL_LABELS,
  type IgnoredReason,
} from './ignored-domains.js';
export { normalizePhone, type NormalizedPhone } from './phone.js';
export { normalizeAddress, normalizeLabel, type NormalizedAddress } from './address.js';
