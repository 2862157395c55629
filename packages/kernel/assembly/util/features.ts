// Which build this is: 1 when compiled with WASM SIMD (target release), 0 for the scalar
// fallback (target scalar). The bindings report it as `kernel.simd`.
export function simdEnabled(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}
