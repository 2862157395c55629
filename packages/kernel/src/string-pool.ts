/** Packing strings into the kernel's pool: code points back to back plus offsets. */

import type { StringPool } from './types.js';

const MAX_CODE_POINT = 0x10ffff;
const trusted = new WeakSet<StringPool>();

/** Packs `strings` as Unicode code points (a surrogate pair is one code point; a lone
 * surrogate is kept as its own code unit, as `String.prototype.codePointAt` does). */
export function buildPool(strings: readonly string[]): StringPool {
  if (!Array.isArray(strings)) throw new TypeError('expected an array of strings');
  const n = strings.length;
  let units = 0;
  for (let i = 0; i < n; i++) {
    const s = strings[i];
    if (typeof s !== 'string') throw new TypeError(`expected a string at index ${i}, got ${typeof s}`);
    units += s.length;
  }
  const codePoints = new Int32Array(units);
  const offsets = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    const s = strings[i];
    const len = s.length;
    for (let u = 0; u < len; u++) {
      let c = s.charCodeAt(u);
      if (c >= 0xd800 && c <= 0xdbff && u + 1 < len) {
        const d = s.charCodeAt(u + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          u++;
        }
      }
      codePoints[k++] = c;
    }
  }
  offsets[n] = k;
  const pool: StringPool = { size: n, codePoints: k === units ? codePoints : codePoints.subarray(0, k), offsets };
  trusted.add(pool);
  return pool;
}

/** Returns `pool` after checking its layout (pools made by `buildPool` are trusted). */
export function checkedPool(pool: StringPool): StringPool {
  if (trusted.has(pool)) return pool;
  const { size, codePoints, offsets } = pool ?? ({} as StringPool);
  if (!(codePoints instanceof Int32Array) || !(offsets instanceof Int32Array)) {
    throw new TypeError('a string pool needs Int32Array codePoints and offsets (use kernel.pool(strings))');
  }
  if (!Number.isInteger(size) || size < 0 || offsets.length !== size + 1) {
    throw new RangeError(`a string pool of size ${size} needs ${size + 1} offsets, got ${offsets.length}`);
  }
  if (offsets[0] !== 0) throw new RangeError('string pool offsets must start at 0');
  for (let i = 0; i < size; i++) {
    if (offsets[i + 1] < offsets[i]) throw new RangeError(`string pool offsets decrease at index ${i}`);
  }
  if (offsets[size] > codePoints.length) {
    throw new RangeError(`string pool offsets reach ${offsets[size]} past ${codePoints.length} code points`);
  }
  for (let i = 0, end = offsets[size]; i < end; i++) {
    const c = codePoints[i];
    if (c < 0 || c > MAX_CODE_POINT) throw new RangeError(`invalid code point ${c} at position ${i} of the pool`);
  }
  return pool;
}
