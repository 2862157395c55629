import type { Kernel } from '../../src/index.js';

export const LOADING_SAMPLE = ['Acme', 'Acme Inc', 'ACME, Inc.', '😀 Emoji Co', 'Müller GmbH', ''];

export interface SampleScores {
  simd: boolean;
  levenshtein: number[];
  jaroWinkler: number[];
}

export function sampleScores(kernel: Kernel, strings: string[]): SampleScores {
  return {
    simd: kernel.simd,
    levenshtein: Array.from(kernel.pdist('levenshtein', strings, { normalized: false })),
    jaroWinkler: Array.from(kernel.pdist('jaroWinkler', strings)),
  };
}
