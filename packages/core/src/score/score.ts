import type { ClusterConfig, Reason } from '@kindred/contract';
import type { AccountTable } from '../cluster/account-table.js';
import {
  ADDRESS_OTHER_STREET,
  DOMAIN_SAME,
  DOMAIN_SAME_LABEL,
  PARENT_IS_ANCESTOR,
  PARENT_IS_DESCENDANT,
  PARENT_SIBLING,
  type PairFeatures,
} from '../compare/compare.js';

export type Weights = ClusterConfig['weights'];

/** Evidence of a direct parent link and of a shared ultimate parent, before weighting. */
export const PARENT_DIRECT_EVIDENCE = 0.65;
export const PARENT_SIBLING_EVIDENCE = 0.6;
/** One name found inside the other ("Jenner" in "Jenner Academy of the Arts") counts as this much similarity. */
export const CONTAINMENT_FACTOR = 0.75;
/** Two legal entities named after one brand ("Pall France S.A.S.", "Pall Korea Ltd."), before weighting. */
export const BRAND_EVIDENCE = 0.8;
/** Family evidence alone scores at most this (the default same tier starts at 0.7). */
export const FAMILY_CEILING = 0.66;
/** Name similarity from which the ceiling lifts, reaching 1 for identical names. */
export const SAME_NAME_FROM = 0.75;
/** A disagreeing phone or address subtracts this share of its weight (businesses have several). */
export const DISAGREEMENT_SHARE = 0.1;
/** A disagreeing state or industry subtracts this share of its weight. */
export const CATEGORY_DISAGREEMENT_SHARE = 0.5;
/** An address on another street subtracts this share of the address weight: another site. */
export const OTHER_SITE_SHARE = 0.4;
/** Different registrable domains subtract this share of the domain weight: a business may own several. */
export const DOMAIN_CONFLICT_SHARE = 0.15;
/** Addresses count as agreeing from this similarity on. */
export const ADDRESS_AGREEMENT = 0.8;
/** Supporting evidence acts in full once the primary evidence reaches this score, proportionally below. */
export const SUPPORT_GATE = 0.1;

/** Name similarity of pair k: the best of token overlap, character similarity and containment. */
export function nameSimilarity(f: PairFeatures, k: number): number {
  return Math.max(f.nameToken[k], f.nameChar[k], CONTAINMENT_FACTOR * f.nameContain[k]);
}

/**
 * The score of pair k, in [0,1], with each factor's contribution written into `out` (indexed as
 * FACTOR_ORDER) when given.
 *
 * Primary evidence (parent link, domain, name) combines as a noisy OR, so that any one strong
 * factor suffices and more factors add with diminishing returns. Name similarity counts squared:
 * a partial name match (one shared rare word) is weak evidence, a near-identical name strong.
 * Agreeing supporting evidence (phone, address, state, industry) then closes part of the gap
 * to 1, each by its weight, but only in proportion to the primary evidence (up to
 * SUPPORT_GATE), so it never links accounts on its own. Disagreements subtract.
 */
export function scorePair(f: PairFeatures, k: number, w: Weights, out?: Float64Array): number {
  const ns = nameSimilarity(f, k);
  const cNameSim = w.name * ns * ns;
  const cBrand = f.brand[k] === 2 ? w.name * BRAND_EVIDENCE : 0;
  const cName = 1 - (1 - cNameSim) * (1 - cBrand);
  const d = f.domain[k];
  const cDomain = d > 0 ? w.domain * d : 0;
  const p = f.parent[k];
  const cParent =
    p === PARENT_IS_ANCESTOR || p === PARENT_IS_DESCENDANT ? w.parent * PARENT_DIRECT_EVIDENCE : p === PARENT_SIBLING ? w.parent * PARENT_SIBLING_EVIDENCE : 0;
  const primarySum = cName + cDomain + cParent;
  if (primarySum <= 0) {
    if (out) out.fill(0);
    return 0;
  }
  const combined = 1 - (1 - cName) * (1 - cDomain) * (1 - cParent);
  const a = f.address[k];
  const domainConflict = d < 0 ? -w.domain * DOMAIN_CONFLICT_SHARE : 0;
  const phoneConflict = f.phone[k] < 0 ? -w.phone * DISAGREEMENT_SHARE : 0;
  const addressConflict = a <= ADDRESS_OTHER_STREET ? -w.address * OTHER_SITE_SHARE : a < 0 ? -w.address * DISAGREEMENT_SHARE : 0;
  const stateConflict = f.state[k] < 0 ? -w.state * CATEGORY_DISAGREEMENT_SHARE : 0;
  const industryConflict = f.industry[k] < 0 ? -w.industry * CATEGORY_DISAGREEMENT_SHARE : 0;
  const conflicts = domainConflict + phoneConflict + addressConflict + stateConflict + industryConflict;
  const agreePhone = f.phone[k] > 0 ? w.phone : 0;
  const agreeAddress = a >= ADDRESS_AGREEMENT ? w.address * a : 0;
  const agreeState = f.state[k] > 0 ? w.state : 0;
  const agreeIndustry = f.industry[k] > 0 ? w.industry : 0;
  const closed = 1 - (1 - agreePhone) * (1 - agreeAddress) * (1 - agreeState) * (1 - agreeIndustry);
  const gate = combined >= SUPPORT_GATE ? 1 : combined / SUPPORT_GATE;
  const raise = (1 - combined) * closed * gate;
  const full = combined + raise + conflicts;
  // Family evidence (domain, parent, brand) says "one family", not "one business": unless the
  // names are alike, the score stays at FAMILY_CEILING (under the default same tier) or at what
  // the names and supporting evidence alone give, whichever is higher.
  const nameLift = ns <= SAME_NAME_FROM ? 0 : (ns - SAME_NAME_FROM) / (1 - SAME_NAME_FROM);
  const ceiling = FAMILY_CEILING + (1 - FAMILY_CEILING) * nameLift;
  const byNames = cNameSim + (1 - cNameSim) * closed * gate + conflicts;
  const raw = Math.min(full, Math.max(ceiling, byNames));
  const score = raw <= 0 ? 0 : raw >= 1 ? 1 : raw;
  if (out) {
    // The primary evidence is shared among parent, domain and name in proportion to their
    // evidence, disagreements are charged to their factors, the raise is shared among the
    // agreeing supporting factors by weight; then everything is scaled so the contributions
    // add up to the score.
    const shareOfCore = combined / primarySum;
    const agreeSum = agreePhone + agreeAddress + agreeState + agreeIndustry;
    const shareOfRaise = agreeSum > 0 ? raise / agreeSum : 0;
    out[0] = cParent * shareOfCore;
    out[1] = cDomain * shareOfCore + domainConflict;
    out[2] = cName * shareOfCore;
    out[3] = agreePhone * shareOfRaise + phoneConflict;
    out[4] = agreeAddress * shareOfRaise + addressConflict;
    out[5] = agreeState * shareOfRaise + stateConflict;
    out[6] = agreeIndustry * shareOfRaise + industryConflict;
    const total = out[0] + out[1] + out[2] + out[3] + out[4] + out[5] + out[6];
    if (total > 0) {
      if (total !== score) for (let x = 0; x < 7; x++) out[x] *= score / total;
    } else out.fill(0);
  }
  return score;
}

/** Scores every pair. */
export function scoreAll(f: PairFeatures, w: Weights): Float64Array {
  const scores = new Float64Array(f.count);
  for (let k = 0; k < f.count; k++) scores[k] = scorePair(f, k, w);
  return scores;
}

export const FACTOR_ORDER = ['parent', 'domain', 'name', 'phone', 'address', 'state', 'industry'] as const;

function sharedTokens(table: AccountTable, i: number, j: number): string[] {
  const a = table.nameTokens[i];
  const b = table.nameTokens[j];
  const out: { t: string; w: number }[] = [];
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    if (a[x] === b[y]) {
      out.push({ t: table.tokens.tokens[a[x]], w: table.tokens.weights[a[x]] });
      x++;
      y++;
    } else if (a[x] < b[y]) x++;
    else y++;
  }
  return out.sort((p, q) => q.w - p.w || (p.t < q.t ? -1 : 1)).map((p) => p.t);
}

/** Factor ranks in name order: reasons of equal contribution are listed by factor name. */
const FACTOR_NAME_RANK: readonly number[] = FACTOR_ORDER.map((f) => [...FACTOR_ORDER].sort().indexOf(f));

/**
 * Makes the reasons of many pairs of one table. What repeats is made once: a detail that
 * depends on one value (a phone, a state, a name, an ultimate parent) is one string per value,
 * and within a group of related accounts equal reasons (factor, detail, contribution) are one
 * object. Reasons are shared between pairs, so they are read-only once made; each pair gets its
 * own array. Call `startGroup` between groups: the per-group pieces are then let go.
 */
export class PairExplainer {
  private readonly scratch = new Float64Array(7);
  private readonly rounded = new Int32Array(7);
  private readonly order = new Int32Array(7);
  /** Details by their one value, one map per kind of detail; the group ones are cleared with
   * each group, the others (few values: states, industries) when they grow large. */
  private readonly rootDetails = new Map<string, string>();
  private readonly nameDetails = new Map<string, string>();
  private readonly brandDetails = new Map<string, string>();
  private readonly phoneDetails = new Map<string, string>();
  private readonly addressDetails = new Map<string, string>();
  private readonly stateDetails = new Map<string, string>();
  private readonly industryDetails = new Map<string, string>();
  /** Reasons of the current group whose detail is one of the shared strings, by detail. */
  private readonly reasons = new Map<string, Reason[]>();
  /** Whether the last detail made is shared by the pairs with one value (else it is the pair's own). */
  private sharedDetail = false;

  constructor(
    private readonly table: AccountTable,
    private readonly weights: Weights,
    /** Share details and reasons (false: every reason and detail is made afresh). */
    private readonly share = true,
  ) {}

  startGroup(): void {
    this.rootDetails.clear();
    this.nameDetails.clear();
    this.brandDetails.clear();
    this.phoneDetails.clear();
    this.addressDetails.clear();
    this.reasons.clear();
  }

  /** The reasons of pair k: one per factor that moved the score, strongest first (equal
   * contributions by factor name). */
  explain(f: PairFeatures, k: number): Reason[] {
    const { scratch, rounded, order } = this;
    scorePair(f, k, this.weights, scratch);
    let count = 0;
    for (let x = 0; x < 7; x++) {
      if (Math.abs(scratch[x]) < 0.0005) continue;
      const c = Math.round(scratch[x] * 1000);
      // Insertion by (contribution descending, factor name).
      let at = count++;
      while (at > 0) {
        const y = order[at - 1];
        if (rounded[y] > c || (rounded[y] === c && FACTOR_NAME_RANK[y] < FACTOR_NAME_RANK[x])) break;
        order[at] = y;
        at--;
      }
      order[at] = x;
      rounded[x] = c;
    }
    const reasons = new Array<Reason>(count);
    for (let r = 0; r < count; r++) reasons[r] = this.reason(f, k, order[r], rounded[order[r]]);
    return reasons;
  }

  private reason(f: PairFeatures, k: number, x: number, c: number): Reason {
    const factor = FACTOR_ORDER[x];
    const contribution = c / 1000;
    const detail = this.detail(factor, f, k);
    if (!this.share || !this.sharedDetail) return { factor, detail, contribution };
    let list = this.reasons.get(detail);
    if (list === undefined) this.reasons.set(detail, (list = []));
    for (const r of list) if (r.contribution === contribution && r.factor === factor) return r;
    const made: Reason = { factor, detail, contribution };
    list.push(made);
    return made;
  }

  /** A detail made once per value (`value` is the table's own string: a hit makes no string). */
  private once(cache: Map<string, string>, value: string, make: (value: string) => string): string {
    this.sharedDetail = true;
    if (!this.share) return make(value);
    let d = cache.get(value);
    if (d === undefined) {
      d = make(value);
      if (cache.size >= 4096) cache.clear();
      cache.set(value, d);
    }
    return d;
  }

  /** A detail that is a fixed text or a value of the table. */
  private constant(detail: string): string {
    this.sharedDetail = true;
    return detail;
  }

  /** A detail of this pair alone. */
  private own(detail: string): string {
    this.sharedDetail = false;
    return detail;
  }

  private detail(factor: (typeof FACTOR_ORDER)[number], f: PairFeatures, k: number): string {
    const t = this.table;
    const i = f.left[k];
    const j = f.right[k];
    switch (factor) {
      case 'parent': {
        const p = f.parent[k];
        if (p === PARENT_IS_ANCESTOR) return this.own(`${t.ids[j]} is a parent of ${t.ids[i]}`);
        if (p === PARENT_IS_DESCENDANT) return this.own(`${t.ids[i]} is a parent of ${t.ids[j]}`);
        return this.once(this.rootDetails, t.ids[t.parents.root[i]], (root) => `same ultimate parent ${root}`);
      }
      case 'domain': {
        const d = f.domain[k];
        if (d === DOMAIN_SAME) return this.constant(t.domain[i]);
        if (d === DOMAIN_SAME_LABEL) return this.own(`${t.domain[i]} ~ ${t.domain[j]} (same name, other suffix)`);
        if (d > 0) return this.own(`${t.domain[i]} ~ ${t.domain[j]} (similar)`);
        return this.own(`${t.domain[i]} ≠ ${t.domain[j]}`);
      }
      case 'name': {
        if (t.nameKey[i] === t.nameKey[j]) return this.once(this.nameDetails, t.nameKey[i], (key) => `same name "${key}"`);
        if (f.brand[k] === 2 && nameSimilarity(f, k) < 0.7) {
          return this.once(this.brandDetails, t.tokens.tokens[t.brand[i]], (brand) => `legal entities named after one brand: ${brand}`);
        }
        if (CONTAINMENT_FACTOR * f.nameContain[k] > Math.max(f.nameToken[k], f.nameChar[k])) {
          const inner = t.nameWeight[i] <= t.nameWeight[j] ? i : j;
          return this.own(`"${t.nameKey[inner]}" within "${t.nameKey[inner === i ? j : i]}"`);
        }
        if (f.nameChar[k] > f.nameToken[k]) return this.own(`similar names "${t.nameKey[i]}" ~ "${t.nameKey[j]}"`);
        const shared = sharedTokens(t, i, j);
        if (shared.length === 0) return this.own(`similar names "${t.nameKey[i]}" ~ "${t.nameKey[j]}"`);
        return this.own(`shared name words: ${shared.slice(0, 5).join(', ')}`);
      }
      case 'phone':
        return f.phone[k] > 0 ? this.once(this.phoneDetails, t.phone[i], (phone) => `same phone ${phone}`) : this.constant('different phones');
      case 'address':
        if (f.address[k] > 0) {
          if (f.address[k] === 1) return this.once(this.addressDetails, t.address[i], (address) => `same address "${address}"`);
          return this.own(`similar addresses "${t.address[i]}" ~ "${t.address[j]}"`);
        }
        return this.constant(f.address[k] <= ADDRESS_OTHER_STREET ? 'different addresses' : 'different house numbers');
      case 'state':
        return f.state[k] > 0 ? this.once(this.stateDetails, t.state[i], (state) => `same state ${state.toUpperCase()}`) : this.constant('different states');
      case 'industry':
        return f.industry[k] > 0 ? this.once(this.industryDetails, t.industry[i], (industry) => `same industry ${industry}`) : this.constant('different industries');
    }
  }
}

/** The reasons of pair k: one per factor that moved the score, strongest first. */
export function explainPair(f: PairFeatures, k: number, w: Weights, table: AccountTable): Reason[] {
  return new PairExplainer(table, w, false).explain(f, k);
}
