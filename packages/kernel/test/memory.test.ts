import { describe, expect, it } from 'vitest';
import { loadKernel } from '../src/index.js';

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
});
