import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Seeded pseudo-random choices over pure-rand's xoroshiro128+ (same seed, same sequence). */
export class Random {
  private readonly rng: ReturnType<typeof xoroshiro128plus>;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.rng.next() >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Picks by relative weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i];
      if (r < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** A string of `count` random decimal digits. */
  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i++) s += String.fromCharCode(48 + this.int(0, 9));
    return s;
  }
}
