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
import { pmReset } from './pattern';

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
let metric: i32 = 0;
let kind: i32 = 0;
let hasCutoff: bool = false;
let cutoff: f64 = 0;
let prefixWeight: f64 = 0.1;
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

@inline
function editCore(p: usize, plen: i32, t: usize, tlen: i32, maxDist: i32): i32 {
  if (metric == LEVENSHTEIN) return levenshteinDistance(p, plen, t, tlen, maxDist);
  if (metric == OSA) return osaDistance(p, plen, t, tlen, maxDist);
  return indelDistance(p, plen, t, tlen, maxDist);
}

@inline
function similarityCore(p: usize, plen: i32, t: usize, tlen: i32, minSim: f64): f64 {
  if (metric == JARO) return jaroSimilarity(p, plen, t, tlen, minSim);
  if (metric == JARO_WINKLER) return jaroWinklerSimilarity(p, plen, t, tlen, prefixWeight, minSim);
  return qgramJaccardSimilarity(p, plen, t, tlen, q, minSim);
}

/** The score of the pattern `p` against the text `t` (both as symbol ids). */
export function scorePair(p: usize, plen: i32, t: usize, tlen: i32): f64 {
  if (metric <= INDEL) {
    const maximum = metric == INDEL ? plen + tlen : max(plen, tlen);
    if (kind == DISTANCE) {
      const c = hasCutoff ? <i32>min(Math.floor(cutoff), <f64>maximum) : maximum;
      const d = editCore(p, plen, t, tlen, c);
      return d <= c ? <f64>d : (hasCutoff ? Math.floor(cutoff) + 1 : <f64>d);
    }
    if (kind == SIMILARITY) {
      const minSim = hasCutoff ? cutoff : 0;
      const bound = <f64>maximum - minSim;
      if (bound < 0) return 0;
      const d = editCore(p, plen, t, tlen, <i32>Math.floor(bound));
      const sim = <f64>(maximum - d);
      return sim >= minSim ? sim : 0;
    }
    if (kind == NORMALIZED_DISTANCE) {
      const maxNorm = hasCutoff ? cutoff : 1.0;
      const c = <i32>min(Math.ceil(max(maxNorm, 0) * <f64>maximum), <f64>maximum);
      const d = editCore(p, plen, t, tlen, c);
      const norm = maximum != 0 ? <f64>d / <f64>maximum : 0;
      return norm <= maxNorm ? norm : 1.0;
    }
    const minNorm = hasCutoff ? cutoff : 0;
    const c = <i32>min(Math.ceil(max(1.0 - minNorm, 0) * <f64>maximum), <f64>maximum);
    const d = editCore(p, plen, t, tlen, c);
    const norm = 1.0 - (maximum != 0 ? <f64>d / <f64>maximum : 0);
    return norm >= minNorm ? norm : 0;
  }
  if (kind == SIMILARITY || kind == NORMALIZED_SIMILARITY) {
    const minSim = hasCutoff ? cutoff : 0;
    const sim = similarityCore(p, plen, t, tlen, minSim);
    return sim >= minSim ? sim : 0;
  }
  // the similarity needed, lowered by a hair so that rounding in 1 - cutoff never drops a
  // pair whose distance is exactly the cutoff (the test below is exact)
  const maxDist = hasCutoff ? cutoff : 1.0;
  const sim = similarityCore(p, plen, t, tlen, max(0.0, 1.0 - maxDist - 1e-12));
  const dist = 1.0 - sim;
  return dist <= maxDist ? dist : 1.0;
}
