import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadKernel, METRIC_NAMES, type Kernel, type MetricName, type ScoreKind } from '../src/index.js';
import { chars, levenshtein, referenceScore } from './reference.js';

const KINDS: readonly ScoreKind[] = ['distance', 'similarity', 'normalizedDistance', 'normalizedSimilarity'];
const EDIT_METRICS: readonly MetricName[] = ['levenshtein', 'osa', 'indel'];

// A small alphabet (many matches, repeated characters) with accents, CJK and astral
// characters, long strings (past one and two 64-bit words), and arbitrary code points.
const FEW = ['a', 'b', 'c', 'd', ' ', 'é', '字', '😀', '😃', '\u{10ffff}'];
const few = fc.constantFrom(...FEW);
const shortText = fc.string({ unit: few, maxLength: 12 });
// (size 'max': lengths spread over the whole range, not fast-check's small default)
const longText = fc.string({ unit: few, minLength: 60, maxLength: 200, size: 'max' });
const anyText = fc.string({ unit: 'binary', maxLength: 140, size: 'max' });
const text = fc.oneof(shortText, longText, anyText, fc.string({ unit: few, maxLength: 70, size: 'max' }));

interface Edit {
  at: number;
  op: 'insert' | 'delete' | 'replace' | 'swap';
  ch: string;
}
const edit = fc.record({ at: fc.nat(), op: fc.constantFrom('insert', 'delete', 'replace', 'swap'), ch: few }) as fc.Arbitrary<Edit>;

function applyEdits(s: string, edits: Edit[]): string {
  const cs = Array.from(s);
  for (const e of edits) {
    const i = cs.length === 0 ? 0 : e.at % (cs.length + (e.op === 'insert' ? 1 : 0));
    if (e.op === 'insert') cs.splice(i, 0, e.ch);
    else if (cs.length === 0) continue;
    else if (e.op === 'delete') cs.splice(i, 1);
    else if (e.op === 'replace') cs[i] = e.ch;
    else if (i + 1 < cs.length) [cs[i], cs[i + 1]] = [cs[i + 1], cs[i]];
  }
  return cs.join('');
}

/** Two independent strings, or a string and a few edits of it (small distances). */
const pair = fc.oneof(
  fc.tuple(text, text),
  fc.tuple(text, fc.array(edit, { maxLength: 8 })).map(([a, edits]) => [a, applyEdits(a, edits)] as [string, string]),
);

const RUNS = { numRuns: 250 };

let kernel: Kernel;
beforeAll(async () => {
  kernel = await loadKernel();
});

describe('every metric agrees with its slow reference', () => {
  for (const metric of METRIC_NAMES) {
    it(`${metric}: all four score forms`, () => {
      fc.assert(
        fc.property(pair, ([a, b]) => {
          for (const kind of KINDS) {
            expect(kernel[metric][kind](a, b), `${kind}(${JSON.stringify(a)}, ${JSON.stringify(b)})`).toBe(
              referenceScore(metric, kind, a, b),
            );
          }
        }),
        RUNS,
      );
    });
  }

  it('jaroWinkler with any prefix weight, qgramJaccard with q = 1, 2, 3', () => {
    fc.assert(
      fc.property(pair, fc.double({ min: 0, max: 0.25, noNaN: true }), fc.integer({ min: 1, max: 3 }), ([a, b], prefixWeight, q) => {
        expect(kernel.jaroWinkler.similarity(a, b, { prefixWeight })).toBe(referenceScore('jaroWinkler', 'similarity', a, b, { prefixWeight }));
        expect(kernel.qgramJaccard.similarity(a, b, { q })).toBe(referenceScore('qgramJaccard', 'similarity', a, b, { q }));
      }),
      RUNS,
    );
  });
});

describe('scoreCutoff', () => {
  const cutoffFor = (kind: ScoreKind) =>
    kind === 'distance' || kind === 'similarity' ? fc.double({ min: 0, max: 120, noNaN: true }) : fc.double({ min: 0, max: 1, noNaN: true });

  for (const metric of METRIC_NAMES) {
    for (const kind of KINDS) {
      it(`${metric}.${kind}: a result past the cutoff is the worst score`, () => {
        fc.assert(
          fc.property(pair, cutoffFor(kind), fc.boolean(), ([a, b], random, atScore) => {
            // half of the runs put the cutoff exactly on the score: it must still pass
            const scoreCutoff = atScore ? kernel[metric][kind](a, b) : random;
            expect(kernel[metric][kind](a, b, { scoreCutoff })).toBe(referenceScore(metric, kind, a, b, { scoreCutoff }));
            if (atScore) expect(kernel[metric][kind](a, b, { scoreCutoff })).toBe(kernel[metric][kind](a, b));
          }),
          { numRuns: 60 },
        );
      });
    }
  }
});

describe('laws', () => {
  it('symmetry, s(a, a) = 1, bounds, and normalizedDistance = 1 - normalizedSimilarity', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        for (const metric of METRIC_NAMES) {
          const m = kernel[metric];
          const ns = m.normalizedSimilarity(a, b);
          expect(m.normalizedSimilarity(b, a), `${metric} symmetric`).toBe(ns);
          expect(m.distance(b, a)).toBe(m.distance(a, b));
          expect(ns).toBeGreaterThanOrEqual(0);
          expect(ns).toBeLessThanOrEqual(1);
          expect(m.normalizedDistance(a, b)).toBeCloseTo(1 - ns, 12);
          expect(m.normalizedSimilarity(a, a), `${metric}(a, a)`).toBe(1);
          expect(m.distance(a, a)).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('Levenshtein and Indel satisfy the triangle inequality; OSA lies between', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 6 }), fc.array(edit, { maxLength: 6 }), (a, e1, e2) => {
        const b = applyEdits(a, e1);
        const c = applyEdits(b, e2);
        for (const metric of ['levenshtein', 'indel'] as const) {
          const d = kernel[metric].distance;
          expect(d(a, c)).toBeLessThanOrEqual(d(a, b) + d(b, c));
        }
        const lev = kernel.levenshtein.distance(a, c);
        expect(kernel.osa.distance(a, c)).toBeLessThanOrEqual(lev);
        expect(kernel.osa.distance(a, c)).toBeGreaterThanOrEqual(Math.ceil(lev / 2));
      }),
      RUNS,
    );
  });

  it('counts code points: an emoji is one character', () => {
    expect(kernel.levenshtein.distance('😀 Emoji Co', '😃 Emoji Co')).toBe(1);
    expect(kernel.levenshtein.distance('', '😀😀😀')).toBe(3);
    expect(kernel.indel.distance('a😀', 'a')).toBe(1);
    expect(levenshtein(chars('😀'), chars(''))).toBe(1);
  });
});

describe('single pair, cdist, pdist and scorePairs agree', () => {
  const strings = fc.array(text, { maxLength: 7 });
  const options = fc.record(
    {
      scoreCutoff: fc.double({ min: 0, max: 1, noNaN: true }),
      score: fc.constantFrom(...KINDS),
    },
    { requiredKeys: [] },
  );
  for (const metric of METRIC_NAMES) {
    it(metric, () => {
      fc.assert(
        fc.property(strings, options, (ss, opts) => {
          const n = ss.length;
          const kind = opts.score ?? 'normalizedSimilarity';
          const single = (i: number, j: number) => kernel[metric][kind](ss[i], ss[j], opts);
          const pd = kernel.pdist(metric, ss, opts);
          const cd = kernel.cdist(metric, ss, ss, opts);
          expect(pd.length).toBe(n < 2 ? 0 : (n * (n - 1)) / 2);
          expect(cd.length).toBe(n * n);
          const left: number[] = [];
          const right: number[] = [];
          let k = 0;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              expect(cd[i * n + j]).toBe(single(i, j));
              left.push(i);
              right.push(j);
              if (j > i) expect(pd[k++]).toBe(single(i, j));
            }
          }
          const sp = kernel.scorePairs(metric, kernel.pool(ss), Int32Array.from(left), Int32Array.from(right), opts);
          expect(Array.from(sp)).toStrictEqual(Array.from(cd));
          expect(Array.from(kernel.scorePairs(metric, ss, Int32Array.from(left), Int32Array.from(right), opts))).toStrictEqual(Array.from(cd));
        }),
        { numRuns: 40 },
      );
    });
  }

  it('normalized: false gives distances', () => {
    const ss = ['acme', 'acm', 'acme inc'];
    expect(Array.from(kernel.pdist('levenshtein', ss, { normalized: false }))).toStrictEqual([1, 4, 5]);
    expect(Array.from(kernel.pdist('levenshtein', ss))).toStrictEqual([0.75, 0.5, 0.375]);
  });
});

describe('the SIMD lanes and the scalar build agree', () => {
  let scalar: Kernel;
  beforeAll(async () => {
    scalar = await loadKernel({ simd: false });
  });

  it('kernel.simd tells which build runs', () => {
    expect(kernel.simd).toBe(true);
    expect(scalar.simd).toBe(false);
  });

  // batches large enough to fill 8-, 4- and 2-lane groups, with strings of every lane class
  const batch = fc.array(fc.oneof(shortText, fc.string({ unit: few, minLength: 13, maxLength: 40, size: 'max' }), text), { minLength: 10, maxLength: 45 });
  const options = fc.record({ scoreCutoff: fc.double({ min: 0, max: 1, noNaN: true }), score: fc.constantFrom(...KINDS) }, { requiredKeys: ['score'] });

  for (const metric of METRIC_NAMES) {
    it(`${metric}: pdist and cdist, SIMD = scalar = scorePairs`, () => {
      fc.assert(
        fc.property(batch, batch, options, (ss, others, opts) => {
          const pd = kernel.pdist(metric, ss, opts);
          expect(Array.from(pd)).toStrictEqual(Array.from(scalar.pdist(metric, ss, opts)));
          const left: number[] = [];
          const right: number[] = [];
          for (let i = 0; i < ss.length; i++) for (let j = i + 1; j < ss.length; j++) left.push(i), right.push(j);
          expect(Array.from(pd)).toStrictEqual(Array.from(kernel.scorePairs(metric, ss, Int32Array.from(left), Int32Array.from(right), opts)));
          expect(Array.from(kernel.cdist(metric, others, ss, opts))).toStrictEqual(Array.from(scalar.cdist(metric, others, ss, opts)));
        }),
        { numRuns: 25 },
      );
    });
  }
});
