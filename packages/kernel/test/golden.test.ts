import { beforeAll, describe, expect, it } from 'vitest';
import golden from './golden/similarity.json' with { type: 'json' };
import { loadKernel, type Kernel } from '../src/index.js';

interface GoldenPair {
  a: string;
  b: string;
  levenshtein_distance: number;
  levenshtein_normalized_similarity: number;
  osa_distance: number;
  indel_distance: number;
  indel_normalized_similarity: number;
  jaro_similarity: number;
  jaro_winkler_similarity: number;
}

const pairs = (golden as { pairs: GoldenPair[] }).pairs;

for (const simd of [true, false]) {
  describe(`golden values from RapidFuzz 3.14.6 (${simd ? 'SIMD' : 'scalar'} build)`, () => {
    let kernel: Kernel;
    beforeAll(async () => {
      kernel = await loadKernel({ simd });
    });

    it('single-pair calls match every value exactly', () => {
      for (const p of pairs) {
        const got = {
          levenshtein_distance: kernel.levenshtein.distance(p.a, p.b),
          levenshtein_normalized_similarity: kernel.levenshtein.normalizedSimilarity(p.a, p.b),
          osa_distance: kernel.osa.distance(p.a, p.b),
          indel_distance: kernel.indel.distance(p.a, p.b),
          indel_normalized_similarity: kernel.indel.normalizedSimilarity(p.a, p.b),
          jaro_similarity: kernel.jaro.similarity(p.a, p.b),
          jaro_winkler_similarity: kernel.jaroWinkler.similarity(p.a, p.b),
        };
        const { a, b, ...want } = p;
        expect({ a, b, ...got }).toStrictEqual({ a, b, ...want });
      }
    });

    it('scorePairs over one pool matches them too', () => {
      const strings = pairs.flatMap((p) => [p.a, p.b]);
      const pool = kernel.pool(strings);
      const left = Int32Array.from(pairs, (_, i) => 2 * i);
      const right = Int32Array.from(pairs, (_, i) => 2 * i + 1);
      const columns: [keyof GoldenPair, Parameters<Kernel['scorePairs']>[0], 'distance' | 'similarity' | 'normalizedSimilarity'][] = [
        ['levenshtein_distance', 'levenshtein', 'distance'],
        ['levenshtein_normalized_similarity', 'levenshtein', 'normalizedSimilarity'],
        ['osa_distance', 'osa', 'distance'],
        ['indel_distance', 'indel', 'distance'],
        ['indel_normalized_similarity', 'indel', 'normalizedSimilarity'],
        ['jaro_similarity', 'jaro', 'similarity'],
        ['jaro_winkler_similarity', 'jaroWinkler', 'similarity'],
      ];
      for (const [column, metric, score] of columns) {
        const got = Array.from(kernel.scorePairs(metric, pool, left, right, { score }));
        expect(got, column).toStrictEqual(pairs.map((p) => p[column]));
      }
    });
  });
}
