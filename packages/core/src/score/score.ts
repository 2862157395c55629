import type { ClusterConfig, Reason } from '@kindred/contract';
import type { AccountTable } from '../cluster/account-table.js';
import {
  DOMAIN_SAME,
  DOMAIN_SAME_LABEL,
  PARENT_IS_ANCESTOR,
  PARENT_IS_DESCENDANT,
  PARENT_SIBLING,
  type PairFeatures,
} from '../compare/compare.js';

export type Weights = ClusterConfig['weights'];

/** Evidence of a direct parent link and of a shared ultimate parent, before weighting. */
export const PARENT_DIRECT_EVIDENCE = 0.8;
export const PARENT_SIBLING_EVIDENCE = 0.7;
/** Disagreeing supporting evidence subtracts this share of its weight (agreement adds all of it). */
export const DISAGREEMENT_SHARE = 0.5;
/** Different registrable domains subtract this share of the domain weight: a business may own several. */
export const DOMAIN_CONFLICT_SHARE = 0.15;
/** Addresses count as agreeing from this similarity on. */
export const ADDRESS_AGREEMENT = 0.8;

/** Name similarity of pair k: the better of token overlap and character similarity. */
export function nameSimilarity(f: PairFeatures, k: number): number {
  return Math.max(f.nameToken[k], f.nameChar[k]);
}

/**
 * The score of pair k, in [0,1], with each factor's contribution written into `out` (indexed as
 * FACTOR_ORDER) when given.
 *
 * Primary evidence (parent link, domain, name) combines as a noisy OR, so that any one strong
 * factor suffices and more factors add with diminishing returns. Name similarity counts squared:
 * a partial name match (one shared rare word) is weak evidence, a near-identical name strong.
 * Supporting evidence (phone, address, state, industry) then adds or subtracts, by its weight;
 * what it adds never exceeds the primary evidence, so it never links accounts on its own.
 */
export function scorePair(f: PairFeatures, k: number, w: Weights, out?: Float64Array): number {
  const ns = nameSimilarity(f, k);
  const cName = w.name * ns * ns;
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
  const core = 1 - (1 - cName) * (1 - cDomain) * (1 - cParent);
  const domainConflict = d < 0 ? -w.domain * DOMAIN_CONFLICT_SHARE : 0;
  const phone = f.phone[k] > 0 ? w.phone : f.phone[k] < 0 ? -w.phone * DISAGREEMENT_SHARE : 0;
  const a = f.address[k];
  const address = a >= ADDRESS_AGREEMENT ? w.address * a : a < 0 ? -w.address * DISAGREEMENT_SHARE : 0;
  const state = f.state[k] > 0 ? w.state : f.state[k] < 0 ? -w.state : 0;
  const industry = f.industry[k] > 0 ? w.industry : f.industry[k] < 0 ? -w.industry * DISAGREEMENT_SHARE : 0;
  let support = domainConflict + phone + address + state + industry;
  // Positive support may at most double the primary evidence.
  const scale = support > core ? core / support : 1;
  support *= scale;
  const raw = core + support;
  const score = raw <= 0 ? 0 : raw >= 1 ? 1 : raw;
  if (out) {
    // Share the noisy-OR core among the primary factors in proportion to their evidence,
    // then scale everything so the contributions add up to the score.
    const shareOfCore = core / primarySum;
    out[0] = cParent * shareOfCore;
    out[1] = cDomain * shareOfCore + (domainConflict < 0 ? domainConflict * scale : 0);
    out[2] = cName * shareOfCore;
    out[3] = phone * (phone > 0 ? scale : 1);
    out[4] = address * (address > 0 ? scale : 1);
    out[5] = state * (state > 0 ? scale : 1);
    out[6] = industry * (industry > 0 ? scale : 1);
    const total = out[0] + out[1] + out[2] + out[3] + out[4] + out[5] + out[6];
    if (total > 0 && total !== score) for (let x = 0; x < 7; x++) out[x] *= score / total;
    else if (total <= 0) out.fill(0);
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

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** The reasons of pair k: one per factor that moved the score, strongest first. */
export function explainPair(f: PairFeatures, k: number, w: Weights, table: AccountTable, scratch = new Float64Array(7)): Reason[] {
  scorePair(f, k, w, scratch);
  const i = f.left[k];
  const j = f.right[k];
  const reasons: Reason[] = [];
  for (let x = 0; x < 7; x++) {
    const contribution = scratch[x];
    if (Math.abs(contribution) < 0.0005) continue;
    const factor = FACTOR_ORDER[x];
    reasons.push({ factor, detail: detail(factor, f, k, table, i, j), contribution: round(contribution) });
  }
  return reasons.sort((a, b) => b.contribution - a.contribution || (a.factor < b.factor ? -1 : 1));
}

function detail(factor: (typeof FACTOR_ORDER)[number], f: PairFeatures, k: number, t: AccountTable, i: number, j: number): string {
  switch (factor) {
    case 'parent': {
      const p = f.parent[k];
      if (p === PARENT_IS_ANCESTOR) return `${t.ids[j]} is a parent of ${t.ids[i]}`;
      if (p === PARENT_IS_DESCENDANT) return `${t.ids[i]} is a parent of ${t.ids[j]}`;
      return `same ultimate parent ${t.ids[t.parents.root[i]]}`;
    }
    case 'domain': {
      const d = f.domain[k];
      if (d === DOMAIN_SAME) return t.domain[i];
      if (d === DOMAIN_SAME_LABEL) return `${t.domain[i]} ~ ${t.domain[j]} (same name, other suffix)`;
      if (d > 0) return `${t.domain[i]} ~ ${t.domain[j]} (similar)`;
      return `${t.domain[i]} ≠ ${t.domain[j]}`;
    }
    case 'name': {
      if (t.nameKey[i] === t.nameKey[j]) return `same name "${t.nameKey[i]}"`;
      const shared = sharedTokens(t, i, j);
      if (f.nameChar[k] > f.nameToken[k] || shared.length === 0) return `similar names "${t.nameKey[i]}" ~ "${t.nameKey[j]}"`;
      return `shared name words: ${shared.slice(0, 5).join(', ')}`;
    }
    case 'phone':
      return f.phone[k] > 0 ? `same phone ${t.phone[i]}` : `different phones`;
    case 'address':
      return f.address[k] > 0 ? `similar addresses "${t.address[i]}" ~ "${t.address[j]}"` : `different house numbers`;
    case 'state':
      return f.state[k] > 0 ? `same state ${t.state[i].toUpperCase()}` : `different states`;
    case 'industry':
      return f.industry[k] > 0 ? `same industry ${t.industry[i]}` : `different industries`;
  }
}
