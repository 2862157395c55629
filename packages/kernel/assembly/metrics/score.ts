// The four score forms of every metric, derived from one core per metric as RapidFuzz does:
// edit distances (Levenshtein, OSA, Indel) have an integer core distance and a maximum;
// similarity metrics (Jaro, Jaro-Winkler, q-gram Jaccard) have a core similarity in [0, 1].
// `scoreCutoff` is passed down for early exit; a result past it is the worst score:
// distance -> cutoff + 1 (1 for the [0,1] distances of similarity metrics),
// similarity -> 0, normalizedDistance -> 1, normalizedSimilarity -> 0.

import { levenshteinDistance } from './levenshtein';
import { osaDistance } from './osa';
import { indelDistance } from './indel';
import { jaroSimilarity, jaroWinklerSimilarity } from './jaro';
import { qgramJaccardSimilarity, qgramReset } from './qgram';
import { pmBuild, pmReset } from './pattern';

export const LEVENSHTEIN: i32 = 0;
export const OSA: i32 = 1;
export const INDEL: i32 = 2;
export const JARO: i32 = 3;
export const JARO_WINKLER: i32 = 4;
export const QGRAM_JACCARD: i32 = 5;

export const DISTANCE: i32 = 0;
export const SIMILARITY: i32 = 1;
export const NORMALIZED_DISTANCE: i32 = 2;
export const NORMALIZED_SIMILARITY: i32 = 3;

// Parameters of the current batch.
export let metric: i32 = 0;
let kind: i32 = 0;
let hasCutoff: bool = false;
let cutoff: f64 = 0;
export let prefixWeight: f64 = 0.1;
let q: i32 = 2;

/** Sets the metric and options of a batch (NaN cutoff = none) over an alphabet. */
export function beginScoring(m: i32, k: i32, scoreCutoff: f64, weight: f64, gram: i32, alphabet: i32): void {
  metric = m;
  kind = k;
  hasCutoff = !isNaN(scoreCutoff);
  cutoff = scoreCutoff;
  prefixWeight = weight;
  q = gram;
  pmReset(alphabet);
  qgramReset();
}

/** The largest edit distance worth computing exactly for the current form and cutoff; the
 * cores report anything beyond it as bound + 1 (-1: no distance can pass). */
@inline
function editBound(maximum: i32): i32 {
  if (!hasCutoff) return maximum;
  if (kind == DISTANCE) return <i32>min(Math.floor(cutoff), <f64>maximum);
  if (kind == SIMILARITY) {
    const b = <f64>maximum - cutoff;
    return b < 0 ? -1 : <i32>Math.floor(b);
  }
  if (kind == NORMALIZED_DISTANCE) return <i32>min(Math.ceil(cutoff * <f64>maximum), <f64>maximum);
  return <i32>min(Math.ceil(max(1.0 - cutoff, 0) * <f64>maximum), <f64>maximum);
}

/** The score form of edit distance `d` (exact, or beyond the bound) out of `maximum`. */
export function finishEdit(d: i32, maximum: i32): f64 {
  if (kind == DISTANCE) return !hasCutoff || <f64>d <= cutoff ? <f64>d : Math.floor(cutoff) + 1;
  if (kind == SIMILARITY) {
    const sim = <f64>(maximum - d);
    return !hasCutoff || sim >= cutoff ? sim : 0;
  }
  const norm = maximum != 0 ? <f64>d / <f64>maximum : 0;
  if (kind == NORMALIZED_DISTANCE) return !hasCutoff || norm <= cutoff ? norm : 1.0;
  const sim = 1.0 - norm;
  return !hasCutoff || sim >= cutoff ? sim : 0;
}

/** The least similarity worth computing exactly; lowered by a hair for the distance forms
 * so that rounding in 1 - cutoff never drops a pair exactly at the cutoff. */
@inline
function similarityBound(): f64 {
  if (!hasCutoff) return 0;
  if (kind == SIMILARITY || kind == NORMALIZED_SIMILARITY) return cutoff;
  return max(0.0, 1.0 - cutoff - 1e-12);
}

/** The score form of similarity `sim` in [0, 1] (exact, or 0 below the bound). */
export function finishSimilarity(sim: f64): f64 {
  if (kind == SIMILARITY || kind == NORMALIZED_SIMILARITY) return !hasCutoff || sim >= cutoff ? sim : 0;
  const dist = 1.0 - sim;
  return !hasCutoff || dist <= cutoff ? dist : 1.0;
}

/** The edit distance, or `maxDist + 1` when it exceeds `maxDist` (the length difference,
 * a lower bound of all three, lets most such pairs stop before any work). */
@inline
function editCore(p: usize, plen: i32, t: usize, tlen: i32, maxDist: i32): i32 {
  if (abs(plen - tlen) > maxDist) return maxDist + 1;
  let d: i32;
  if (plen == 0 || tlen == 0) d = plen + tlen;
  else {
    pmBuild(p, plen);
    d = metric == LEVENSHTEIN ? levenshteinDistance(plen, t, tlen) : metric == OSA ? osaDistance(plen, t, tlen) : indelDistance(plen, t, tlen);
  }
  return d <= maxDist ? d : maxDist + 1;
}

@inline
function similarityCore(p: usize, plen: i32, t: usize, tlen: i32, minSim: f64): f64 {
  if (metric == JARO) return jaroSimilarity(p, plen, t, tlen, minSim);
  if (metric == JARO_WINKLER) return jaroWinklerSimilarity(p, plen, t, tlen, prefixWeight, minSim);
  return qgramJaccardSimilarity(p, plen, t, tlen, q, minSim);
}

/** Edit distances have their maximum: max(|a|, |b|), or |a| + |b| for Indel. */
@inline
export function editMaximum(plen: i32, tlen: i32): i32 {
  return metric == INDEL ? plen + tlen : max(plen, tlen);
}

/** The score of the pattern `p` against the text `t` (both as symbol ids). */
export function scorePair(p: usize, plen: i32, t: usize, tlen: i32): f64 {
  if (metric <= INDEL) {
    const maximum = editMaximum(plen, tlen);
    const bound = editBound(maximum);
    if (bound < 0) return finishEdit(maximum + 1, maximum);
    return finishEdit(editCore(p, plen, t, tlen, bound), maximum);
  }
  return finishSimilarity(similarityCore(p, plen, t, tlen, similarityBound()));
}
