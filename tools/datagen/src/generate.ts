import { addressVariant, freeMail, nameVariant, noEvidenceWebsite, phoneVariant, typoDomain, urlVariant } from './noise.js';
import { Random } from './random.js';
import {
  BRAND_ENDINGS,
  CODAS,
  COMMON_WORDS,
  COUNTRIES,
  DIVISION_WORDS,
  FIRST_NAMES,
  GENERIC_WORDS,
  INDUSTRIES,
  INDUSTRY_WORDS,
  ONSETS,
  SOURCES,
  SURNAMES,
  VOWELS,
  type CountryProfile,
} from './vocabulary.js';

/** One generated account record, with its ground truth. Valid input to the account schema. */
export interface GeneratedAccount {
  id: string;
  name?: string;
  website?: string;
  email?: string;
  parentId?: string;
  phone?: string;
  address?: string;
  state?: string;
  country?: string;
  industry?: string;
  source: string;
  /** Records of one real business share it (the `same` tier). */
  true_entity: string;
  /** Businesses of one corporate family share it (the `family` tier). */
  true_family: string;
}

/** CSV columns, in Kindred's account column names (as the bundled labelled data). */
export const CSV_COLUMNS = [
  'id',
  'name',
  'website',
  'email',
  'parent_id',
  'phone',
  'address',
  'state',
  'country',
  'industry',
  'source',
  'true_entity',
  'true_family',
] as const;

/** A record as a CSV row in {@link CSV_COLUMNS} order; absent values are empty. */
export function toCsvRow(a: GeneratedAccount): string[] {
  return [
    a.id,
    a.name ?? '',
    a.website ?? '',
    a.email ?? '',
    a.parentId ?? '',
    a.phone ?? '',
    a.address ?? '',
    a.state ?? '',
    a.country ?? '',
    a.industry ?? '',
    a.source,
    a.true_entity,
    a.true_family,
  ];
}

export interface GenerateOptions {
  /** Number of account records. */
  accounts: number;
  /** Same seed, same records. Default 1. */
  seed?: number;
  /** Records are emitted in random order within a window of this many, so that a family's records
   * are not adjacent in the output. Default 4096. */
  shuffleWindow?: number;
}

/** One real business. */
interface Entity {
  key: string;
  family: string;
  /** Name without legal form: "Vantora Logistics". */
  baseName: string;
  /** Distinctive word the family's branded names share. */
  brand: string;
  legalForm: string;
  country: CountryProfile;
  domain?: string;
  area: string;
  subscriber: string;
  address: string;
  region: string;
  city: string;
  industry: string;
  /** Id of the parent business's main record. */
  parentRecordId?: string;
  /** Id of this business's main record. */
  mainRecordId?: string;
}

const COUNTRY_WEIGHTS = COUNTRIES.map((c) => c.weight);
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const domainLabel = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');

/** The records of a family, produced one business at a time. */
class FamilyGenerator {
  private readonly rng: Random;
  private readonly usedBrands = new Set<string>();
  private readonly usedDomains = new Set<string>();
  private readonly usedNames = new Set<string>();
  private entityCount = 0;
  private familyCount = 0;
  private recordCount = 0;

  constructor(seed: number) {
    this.rng = new Random(seed);
  }

  /** A pronounceable invented word, never used before in this run. */
  private brandWord(): string {
    const rng = this.rng;
    for (;;) {
      let word = rng.pick(ONSETS) + rng.pick(VOWELS);
      const syllables = rng.weighted([1, 2, 3], [3, 6, 1]);
      for (let i = 1; i < syllables; i++) word += rng.pick(ONSETS) + rng.pick(VOWELS);
      word += rng.chance(0.5) ? rng.pick(BRAND_ENDINGS) : rng.pick(CODAS);
      if (word.length < 4 || this.usedBrands.has(word)) continue;
      this.usedBrands.add(word);
      return capitalise(word);
    }
  }

  /** Claims a domain; on a clash, tries the label with the city or a number. */
  private claimDomain(label: string, tld: string, city: string): string {
    const candidates = [`${label}.${tld}`, `${label}${domainLabel(city)}.${tld}`, `${label}-${domainLabel(city)}.${tld}`];
    for (const d of candidates) {
      if (!this.usedDomains.has(d)) {
        this.usedDomains.add(d);
        return d;
      }
    }
    for (let n = 2; ; n++) {
      const d = `${label}${n}.${tld}`;
      if (!this.usedDomains.has(d)) {
        this.usedDomains.add(d);
        return d;
      }
    }
  }

  private tldFor(country: CountryProfile): string {
    return country.code === 'US' || this.rng.chance(0.35) ? 'com' : country.tld;
  }

  private newEntity(family: string, country: CountryProfile, industry: string): Omit<Entity, 'baseName' | 'brand' | 'domain'> {
    const rng = this.rng;
    const [city, region, area] = rng.pick(country.places);
    const number = rng.int(1, 9999);
    const unit = rng.chance(0.3) ? `, ${rng.pick(['Suite', 'Floor'])} ${rng.int(1, 40)}` : '';
    return {
      key: `E${++this.entityCount}`,
      family,
      legalForm: rng.chance(0.6) ? country.legalForms[0] : rng.pick(country.legalForms),
      country,
      area,
      subscriber: String(rng.int(2, 9)) + rng.digits(country.subscriberDigits - 1),
      address: `${number} ${rng.pick(country.streets)}${unit}, ${city}`,
      region,
      city,
      industry,
    };
  }

  /** The ultimate parent of a new family: an invented brand, a name of common words, or a surname. */
  private rootEntity(family: string): Entity {
    const rng = this.rng;
    const country = rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
    const base = this.newEntity(family, country, rng.pick(INDUSTRIES));
    const city = base.city;
    const style = rng.float();
    let baseName: string;
    let brand: string;
    let label: string;
    if (style < 0.55) {
      brand = this.brandWord();
      baseName = rng.chance(0.5) ? brand : `${brand} ${rng.pick(rng.chance(0.5) ? INDUSTRY_WORDS : GENERIC_WORDS)}`;
      label = domainLabel(rng.chance(0.7) ? brand : baseName);
    } else if (style < 0.85) {
      // Decoys: unrelated businesses whose names share common and generic words.
      brand = rng.pick(COMMON_WORDS);
      for (;;) {
        baseName = `${brand} ${rng.pick(INDUSTRY_WORDS)}${rng.chance(0.6) ? ` ${rng.pick(GENERIC_WORDS)}` : ''}`;
        if (this.usedNames.has(baseName)) baseName = `${baseName} of ${city}`;
        if (!this.usedNames.has(baseName)) break;
        brand = rng.pick(COMMON_WORDS);
      }
      this.usedNames.add(baseName);
      label = domainLabel(baseName.replace(/ of .*$/, ''));
    } else {
      brand = rng.pick(SURNAMES);
      baseName = rng.chance(0.4)
        ? `${brand} & ${rng.pick(['Sons', 'Partners', 'Associates', 'Co'])}`
        : `${brand} ${rng.pick(INDUSTRY_WORDS)}`;
      if (this.usedNames.has(baseName)) baseName = `${baseName} of ${city}`;
      this.usedNames.add(baseName);
      label = domainLabel(baseName.replace(/ of .*$/, ''));
    }
    const domain = rng.chance(0.88) ? this.claimDomain(label, this.tldFor(country), city) : undefined;
    return { ...base, baseName, brand, domain };
  }

  /** A subsidiary of `parent`: a branded division, a regional company, or an acquired business. */
  private childEntity(root: Entity, parent: Entity, familyNames: Set<string>): Entity {
    const rng = this.rng;
    const kind = rng.float();
    const sameCountry = rng.chance(0.6);
    const country = sameCountry ? root.country : rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
    const base = this.newEntity(root.family, country, rng.chance(0.6) ? root.industry : rng.pick(INDUSTRIES));
    const city = base.city;
    if (rng.chance(0.1)) {
      base.area = root.area; // the group's switchboard
      base.subscriber = root.subscriber;
    }
    const withParent = { ...base, parentRecordId: parent.mainRecordId };
    // Branded divisions have names of their own within the family: "Vantora Logistics" once.
    let baseName = '';
    for (let tries = 0; kind < 0.5 && tries < 4 && baseName === ''; tries++) {
      const name = `${root.brand} ${rng.pick(DIVISION_WORDS)}`;
      if (!familyNames.has(name)) baseName = name;
    }
    if (baseName !== '') {
      familyNames.add(baseName);
      const d = rng.float();
      const domain =
        d < 0.35 && root.domain
          ? root.domain
          : d < 0.7
            ? this.claimDomain(domainLabel(baseName), this.tldFor(country), city)
            : d < 0.85
              ? this.claimDomain(domainLabel(root.brand), country.tld, city)
              : undefined;
      return { ...withParent, baseName, brand: root.brand, domain };
    }
    if (kind < 0.62 && !sameCountry) {
      // The same brand as a local company in another country: "Vantora GmbH".
      const domain = root.domain && rng.chance(0.3) ? root.domain : this.claimDomain(domainLabel(root.brand), country.tld, city);
      return { ...withParent, baseName: root.baseName, brand: root.brand, domain };
    }
    // Acquired: its own name and domain; only the parent link tells.
    const brand = this.brandWord();
    baseName = rng.chance(0.5) ? brand : `${brand} ${rng.pick(rng.chance(0.5) ? INDUSTRY_WORDS : GENERIC_WORDS)}`;
    const domain = rng.chance(0.85) ? this.claimDomain(domainLabel(brand), this.tldFor(country), city) : undefined;
    return { ...withParent, baseName, brand, domain };
  }

  private nextId(source: string): string {
    return `${source.slice(0, 3)}-${String(++this.recordCount).padStart(8, '0')}`;
  }

  /** The records of one business across source systems. */
  private *records(e: Entity): Generator<GeneratedAccount> {
    const rng = this.rng;
    const count = rng.weighted([1, 2, 3, 4, 5, 6], [55, 25, 11, 5, 2.5, 1.5]);
    const otherForms = e.country.legalForms;
    const label = domainLabel(e.brand);
    for (let i = 0; i < count; i++) {
      const main = i === 0;
      const source = main ? 'crm' : rng.pick(SOURCES);
      const id = this.nextId(source);
      if (main) e.mainRecordId = id;
      const record: GeneratedAccount = { id, source, true_entity: e.key, true_family: e.family };

      record.name = main
        ? rng.chance(0.7)
          ? `${e.baseName} ${e.legalForm}`
          : e.baseName
        : nameVariant(rng, e.baseName, e.legalForm, otherForms);
      if (rng.chance(0.004)) record.name = undefined;

      if (e.domain) {
        const w = rng.float();
        if (w < (main ? 0.85 : 0.5)) record.website = urlVariant(rng, e.domain);
        else if (w < (main ? 0.88 : 0.57)) record.website = typoDomain(rng, e.domain);
        else if (w < (main ? 0.9 : 0.62)) record.website = noEvidenceWebsite(rng, label);
        const m = rng.float();
        if (m < (main ? 0.1 : 0.3)) record.email = `${rng.pick(FIRST_NAMES)}@${e.domain}`;
        else if (m < (main ? 0.13 : 0.38)) record.email = freeMail(rng, label);
      } else {
        if (rng.chance(0.15)) record.website = noEvidenceWebsite(rng, label);
        if (rng.chance(0.25)) record.email = freeMail(rng, label);
      }

      if (rng.chance(main ? 0.85 : 0.55)) record.phone = phoneVariant(rng, e.country.callingCode, e.area, e.subscriber);
      if (rng.chance(main ? 0.8 : 0.45)) record.address = main ? e.address : addressVariant(rng, e.address);
      if (rng.chance(main ? 0.9 : 0.6)) record.state = e.region;
      if (rng.chance(main ? 0.9 : 0.5)) record.country = main ? e.country.code : rng.pick(e.country.names);
      if (rng.chance(main ? 0.8 : 0.4)) record.industry = rng.chance(0.9) ? e.industry : rng.pick(INDUSTRIES);

      if (e.parentRecordId && rng.chance(main ? 0.6 : 0.25)) record.parentId = e.parentRecordId;
      // Dirty links seen in real CRMs: a parent that was deleted, an account that is its own parent.
      else if (rng.chance(0.002)) record.parentId = `crm-deleted-${rng.digits(6)}`;
      else if (rng.chance(0.001)) record.parentId = id;
      yield record;
    }
  }

  /** All records of the next corporate family. */
  *family(): Generator<GeneratedAccount> {
    const rng = this.rng;
    const family = `F${++this.familyCount}`;
    const size = rng.weighted([1, 2, 3, 4, 6, 10, 18, 30], [64, 14, 7, 5, 4, 3, 2, 1]);
    const n = size <= 3 ? size : rng.int(Math.ceil(size * 0.7), size);
    const root = this.rootEntity(family);
    yield* this.records(root);
    const members: Entity[] = [root];
    const names = new Set([root.baseName]);
    for (let i = 1; i < n; i++) {
      const parent = members.length > 3 && rng.chance(0.25) ? rng.pick(members.slice(1)) : root;
      const child = this.childEntity(root, parent, names);
      members.push(child);
      yield* this.records(child);
    }
  }
}

/**
 * Synthetic B2B account records with ground truth, streamed: corporate families with parents,
 * branded subsidiaries and acquired companies; duplicate records across source systems with the
 * noise of real data; decoys sharing generic words. Memory holds the shuffle window and the sets
 * of names and domains already used, never the records emitted.
 */
export function* streamAccounts(options: GenerateOptions): Generator<GeneratedAccount> {
  const total = Math.floor(options.accounts);
  if (!Number.isFinite(total) || total < 0) throw new RangeError(`accounts must be a non-negative number, got ${options.accounts}`);
  const seed = options.seed ?? 1;
  const window = Math.max(1, options.shuffleWindow ?? 4096);
  const generator = new FamilyGenerator(seed);
  const order = new Random(seed ^ 0x5bd1e995);
  const buffer: GeneratedAccount[] = [];
  let created = 0;
  while (created < total) {
    for (const record of generator.family()) {
      if (created === total) break;
      created++;
      buffer.push(record);
      if (buffer.length >= window) {
        const i = order.int(0, buffer.length - 1);
        const out = buffer[i];
        buffer[i] = buffer[buffer.length - 1];
        buffer.pop();
        yield out;
      }
    }
  }
  while (buffer.length > 0) {
    const i = order.int(0, buffer.length - 1);
    const out = buffer[i];
    buffer[i] = buffer[buffer.length - 1];
    buffer.pop();
    yield out;
  }
}

/** {@link streamAccounts} collected into an array, for small data sets (demos, tests). */
export function generateAccounts(options: GenerateOptions): GeneratedAccount[] {
  return Array.from(streamAccounts(options));
}
