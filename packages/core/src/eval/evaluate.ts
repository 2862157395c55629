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
  const predSize = new Map<string, number>();
  const trueSize = new Map<string, number>();
  const jointSize = new Map<string, number>();
  const predOf = (item: string): string => {
    const p = predicted.get(item);
    return p === undefined ? `\u0000${item}` : `\u0001${p}`;
  };
  for (const [item, t] of truth) {
    const p = predOf(item);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    trueSize.set(t, (trueSize.get(t) ?? 0) + 1);
    const joint = `${p}\u0002${t}`;
    jointSize.set(joint, (jointSize.get(joint) ?? 0) + 1);
  }
  let truePositive = 0;
  for (const size of jointSize.values()) truePositive += pairsOf(size);
  let predictedPairs = 0;
  for (const size of predSize.values()) predictedPairs += pairsOf(size);
  let truePairs = 0;
  for (const size of trueSize.values()) truePairs += pairsOf(size);
  const pp = predictedPairs === 0 ? 1 : truePositive / predictedPairs;
  const pr = truePairs === 0 ? 1 : truePositive / truePairs;

  let bp = 0;
  let br = 0;
  for (const [item, t] of truth) {
    const p = predOf(item);
    const joint = jointSize.get(`${p}\u0002${t}`)!;
    bp += joint / predSize.get(p)!;
    br += joint / trueSize.get(t)!;
  }
  const items = truth.size;
  const bcp = items === 0 ? 1 : bp / items;
  const bcr = items === 0 ? 1 : br / items;
  return {
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    bcubed: { precision: bcp, recall: bcr, f1: f1(bcp, bcr) },
  };
}
