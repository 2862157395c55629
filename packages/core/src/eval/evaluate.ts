export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClusterEvaluation {
  pairwise: PrecisionRecall;
  bcubed: PrecisionRecall;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

const pairsOf = (k: number): number => (k * (k - 1)) / 2;

/** Pairwise and B-cubed precision, recall and F1 of a clustering (`item → predicted group`)
 * against ground truth (`item → true group`). Items are those of `truth`; an item missing from
 * `predicted` counts as a group of its own. With no pairs predicted (or none true), pairwise
 * precision (or recall) is 1. */
export function evaluateClusters(predicted: Map<string, string>, truth: Map<string, string>): ClusterEvaluation {
  // Group labels interned as integers.
  const items = truth.size;
  const predOf = new Int32Array(items);
  const trueOf = new Int32Array(items);
  const predIds = new Map<string, number>();
  const trueIds = new Map<string, number>();
  let unpredicted = 0;
  let x = 0;
  for (const [item, t] of truth) {
    const p = predicted.get(item);
    let pid: number;
    if (p === undefined) pid = items + unpredicted++;
    else {
      const known = predIds.get(p);
      pid = known ?? predIds.size;
      if (known === undefined) predIds.set(p, pid);
    }
    let tid = trueIds.get(t);
    if (tid === undefined) {
      tid = trueIds.size;
      trueIds.set(t, tid);
    }
    predOf[x] = pid;
    trueOf[x] = tid;
    x++;
  }
  // Predicted groups have ids below `items`; an item without a prediction gets its own id above.
  const predCount = items + unpredicted;
  const predSize = new Float64Array(predCount);
  const trueSize = new Float64Array(trueIds.size);
  const joint = new Map<number, number>();
  for (let k = 0; k < items; k++) {
    predSize[predOf[k]]++;
    trueSize[trueOf[k]]++;
    const key = predOf[k] * trueIds.size + trueOf[k];
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  let truePositive = 0;
  for (const size of joint.values()) truePositive += pairsOf(size);
  let predictedPairs = 0;
  for (let g = 0; g < predCount; g++) predictedPairs += pairsOf(predSize[g]);
  let truePairs = 0;
  for (let g = 0; g < trueSize.length; g++) truePairs += pairsOf(trueSize[g]);
  const pp = predictedPairs === 0 ? 1 : truePositive / predictedPairs;
  const pr = truePairs === 0 ? 1 : truePositive / truePairs;

  let bp = 0;
  let br = 0;
  for (let k = 0; k < items; k++) {
    const both = joint.get(predOf[k] * trueIds.size + trueOf[k])!;
    bp += both / predSize[predOf[k]];
    br += both / trueSize[trueOf[k]];
  }
  const bcp = items === 0 ? 1 : bp / items;
  const bcr = items === 0 ? 1 : br / items;
  return {
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    bcubed: { precision: bcp, recall: bcr, f1: f1(bcp, bcr) },
  };
}

/**
 * The best scores any clustering whose groups hold at most `maxGroupSize` items can reach against
 * `truth`: every true group cut into chunks of the cap (all precision 1; fewer, larger chunks
 * keep the most pairs together). A true group larger than the cap cannot be one predicted group,
 * so a tier's recall on data with large true groups is bounded by its size cap.
 */
export function sizeCapCeiling(truth: Map<string, string>, maxGroupSize: number): ClusterEvaluation {
  if (!(maxGroupSize >= 1)) throw new RangeError(`sizeCapCeiling: maxGroupSize must be at least 1, got ${maxGroupSize}`);
  const seen = new Map<string, number>();
  const chunked = new Map<string, string>();
  for (const [item, group] of truth) {
    const k = seen.get(group) ?? 0;
    seen.set(group, k + 1);
    chunked.set(item, `${group}\u0000${Math.floor(k / maxGroupSize)}`);
  }
  return evaluateClusters(chunked, truth);
}
