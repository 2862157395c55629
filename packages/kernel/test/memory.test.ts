import { describe, expect, it } from 'vitest';
import { loadKernel } from '../src/index.js';
import { MAX_RESULTS_PER_CALL } from '../src/similarity.js';

function names(n: number): string[] {
  const words = ['acme', 'global', 'consulting', 'systems', 'data', 'north', 'labs', 'group', 'holdings', 'müller', '株式会社'];
  const out: string[] = [];
  let x = 12345;
  for (let i = 0; i < n; i++) {
    let s = '';
    const k = 1 + (i % 4);
    for (let w = 0; w < k; w++) {
      x = (x * 1103515245 + 12345) >>> 0;
      s += (w ? ' ' : '') + words[x % words.length];
    }
    // every 50th string is long (several 64-bit words)
    out.push(i % 50 === 0 ? s.repeat(6) : s);
  }
  return out;
}

describe('memory', () => {
  it('a large batch works and its memory is reused by the next one (no growth past the first)', async () => {
    const kernel = await loadKernel();
    const strings = names(1500); // 1.1 M pairs, a 9 MB result (the memory starts at 1 MB)
    const first = kernel.pdist('levenshtein', strings);
    const afterFirst = kernel.memoryBytes();
    const second = kernel.pdist('levenshtein', strings);
    expect(kernel.memoryBytes()).toBe(afterFirst);
    expect(second.length).toBe(first.length);
    expect(second.findIndex((v, k) => v !== first[k]), 'first differing pair').toBe(-1);
    expect(first.length).toBe((1500 * 1499) / 2);

    const n = 400_000;
    const left = new Int32Array(n).map((_, k) => k % 1500);
    const right = new Int32Array(n).map((_, k) => (k * 7 + 3) % 1500);
    const pairs1 = kernel.scorePairs('jaroWinkler', strings, left, right);
    const afterPairs = kernel.memoryBytes();
    kernel.scorePairs('jaroWinkler', strings, left, right);
    kernel.pdist('levenshtein', strings);
    expect(kernel.memoryBytes()).toBe(afterPairs);
    expect(pairs1[0]).toBe(kernel.jaroWinkler.normalizedSimilarity(strings[0], strings[3]));
  });

  it('batches larger than one kernel call are cut into calls that agree with each other', async () => {
    const kernel = await loadKernel();
    const strings = names(3000); // 4.5 M pairs: two pdist calls, three cdist calls, two scorePairs calls
    const n = strings.length;
    expect((n * (n - 1)) / 2).toBeGreaterThan(MAX_RESULTS_PER_CALL);
    const pd = kernel.pdist('levenshtein', strings, { score: 'distance' });
    const cd = kernel.cdist('levenshtein', strings, strings, { score: 'distance' });
    const left = new Int32Array(pd.length);
    const right = new Int32Array(pd.length);
    let mismatches = 0;
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++, k++) {
        left[k] = i;
        right[k] = j;
        if (pd[k] !== cd[i * n + j] || cd[i * n + j] !== cd[j * n + i]) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    const sp = kernel.scorePairs('levenshtein', kernel.pool(strings), left, right, { score: 'distance' });
    expect(sp.findIndex((v, k) => v !== pd[k]), 'first differing pair').toBe(-1);
    expect(pd[pd.length - 1]).toBe(kernel.levenshtein.distance(strings[n - 2], strings[n - 1]));
  });
});
