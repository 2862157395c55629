import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type Kernel, type MetricName } from '../src/index.js';

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

/** Runs `fn`, expecting a TS-side error (never a WebAssembly trap) matching `message`. */
function expectClearError(fn: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected an error').toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(WebAssembly.RuntimeError);
  expect((error as Error).message).toMatch(message);
}

describe('bad input is a clear error thrown in TS', () => {
  const pool = () => kernel.pool(['acme', 'acm', 'acme inc']);

  it('unknown metric', () => {
    const bad = 'soundex' as MetricName;
    expectClearError(() => kernel.pdist(bad, ['a', 'b']), /unknown metric "soundex"; expected one of levenshtein, osa/);
    expectClearError(() => kernel.cdist(bad, ['a'], ['b']), /unknown metric/);
    expectClearError(() => kernel.scorePairs(bad, pool(), new Int32Array([0]), new Int32Array([1])), /unknown metric/);
    expectClearError(() => kernel.metric(bad), /unknown metric/);
    expectClearError(() => kernel.metric('toString' as MetricName), /unknown metric "toString"/);
  });

  it('mismatched lengths and out-of-range indexes', () => {
    expectClearError(() => kernel.scorePairs('levenshtein', pool(), new Int32Array([0, 1]), new Int32Array([1])), /same length, got 2 and 1/);
    expectClearError(() => kernel.scorePairs('levenshtein', pool(), new Int32Array([0, 3]), new Int32Array([1, 2])), /left\[1\] = 3 is out of range for a pool of 3 strings/);
    expectClearError(() => kernel.scorePairs('jaro', pool(), new Int32Array([0]), new Int32Array([-1])), /right\[0\] = -1 is out of range/);
    expectClearError(() => kernel.scorePairs('jaro', pool(), [0] as unknown as Int32Array, [1] as unknown as Int32Array), /left must be an Int32Array/);
  });

  it('bad options', () => {
    expectClearError(() => kernel.levenshtein.distance('a', 'b', { scoreCutoff: Number.NaN }), /scoreCutoff must be a number >= 0, got NaN/);
    expectClearError(() => kernel.levenshtein.distance('a', 'b', { scoreCutoff: -1 }), /scoreCutoff must be a number >= 0, got -1/);
    expectClearError(() => kernel.jaroWinkler.similarity('a', 'b', { prefixWeight: 0.3 }), /prefixWeight must be in \[0, 0.25\], got 0.3/);
    expectClearError(() => kernel.qgramJaccard.similarity('a', 'b', { q: 4 }), /q must be 1, 2 or 3, got 4/);
    expectClearError(() => kernel.pdist('osa', ['a', 'b'], { score: 'ratio' as never }), /unknown score "ratio"/);
  });

  it('non-strings and malformed pools', () => {
    expectClearError(() => kernel.pdist('indel', ['a', 3 as unknown as string]), /expected a string at index 1, got number/);
    expectClearError(() => kernel.levenshtein.distance('a', null as unknown as string), /expected (two strings|a string)/);
    const offsets = new Int32Array([0, 2, 1]);
    expectClearError(
      () => kernel.scorePairs('levenshtein', { size: 2, codePoints: new Int32Array([97, 98]), offsets }, new Int32Array([0]), new Int32Array([1])),
      /offsets decrease at index 1/,
    );
    expectClearError(
      () => kernel.scorePairs('levenshtein', { size: 1, codePoints: new Int32Array([0x110000]), offsets: new Int32Array([0, 1]) }, new Int32Array([0]), new Int32Array([0])),
      /invalid code point 1114112/,
    );
    expectClearError(
      () => kernel.scorePairs('levenshtein', { size: 2, codePoints: new Int32Array([97]), offsets: new Int32Array([0, 1, 5]) }, new Int32Array([0]), new Int32Array([1])),
      /reach 5 past 1 code points/,
    );
  });

  it('the kernel still works after an error', () => {
    expect(() => kernel.pdist('nope' as MetricName, ['a'])).toThrow();
    expect(kernel.levenshtein.distance('acme', 'acm')).toBe(1);
  });
});

describe('hand-made pools are accepted when well formed', () => {
  it('scores a pool built by hand like one from kernel.pool', () => {
    const codePoints = new Int32Array([...'acme', ...'acm'].map((c) => c.codePointAt(0)!));
    const handMade = { size: 2, codePoints, offsets: new Int32Array([0, 4, 7]) };
    const left = new Int32Array([0]);
    const right = new Int32Array([1]);
    expect(kernel.scorePairs('indel', handMade, left, right, { score: 'distance' })[0]).toBe(1);
    expect(kernel.scorePairs('indel', ['acme', 'acm'], left, right, { score: 'distance' })[0]).toBe(1);
  });
});
