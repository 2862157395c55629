import type { AccountResult } from '@kindred/contract';
import { dequal } from 'dequal';

/** How an account's result differs from its previous one: `new` (it had none), `groups` (a group
 * id changed in some tier), `related` (same group ids, another related list: a member, score,
 * relation or reason). */
export type ResultChange = 'new' | 'groups' | 'related';

export function resultChange(previous: AccountResult | undefined, next: AccountResult): ResultChange | null {
  if (previous === undefined) return 'new';
  const a = previous.groups;
  const b = next.groups;
  if (a.same !== b.same || a.family !== b.family || a.related !== b.related) return 'groups';
  return dequal(previous.related, next.related) ? null : 'related';
}

export interface ResultDiff {
  /** The results that differ from the previous ones (new accounts included), in input order. */
  changed: AccountResult[];
  /** Ids whose previous results must not be carried over: changed, or no longer in the results. */
  exclude: Set<string>;
  counts: { new: number; groups: number; related: number; removed: number; unchanged: number };
}

/**
 * Compares a run's results with the previous ones (read in chunks, in any order): which results
 * must be written, and which previous ones can be kept as they are. Keeping every previous
 * result not in `exclude` and writing `changed` gives exactly `next`.
 */
export async function diffResults(
  next: readonly AccountResult[],
  previous: AsyncIterable<readonly AccountResult[]> | Iterable<readonly AccountResult[]>,
): Promise<ResultDiff> {
  const indexOf = new Map<string, number>();
  next.forEach((r, i) => indexOf.set(r.id, i));
  // 0: no previous result seen, 1: identical, 2: changed.
  const state = new Uint8Array(next.length);
  const counts = { new: 0, groups: 0, related: 0, removed: 0, unchanged: 0 };
  const exclude = new Set<string>();
  for await (const chunk of previous) {
    for (const before of chunk) {
      const i = indexOf.get(before.id);
      if (i === undefined) {
        counts.removed++;
        exclude.add(before.id);
        continue;
      }
      if (state[i] !== 0) throw new Error(`previous results hold account ${before.id} twice`);
      const change = resultChange(before, next[i]);
      if (change === null) {
        state[i] = 1;
        counts.unchanged++;
      } else {
        state[i] = 2;
        counts[change]++;
      }
    }
  }
  const changed: AccountResult[] = [];
  next.forEach((r, i) => {
    if (state[i] === 1) return;
    if (state[i] === 0) counts.new++;
    changed.push(r);
    exclude.add(r.id);
  });
  return { changed, exclude, counts };
}
