/**
 * y[0 … n) = value (src/engine/kernels/js/fill.ts is the reference). +0 (all bits zero) is memory.fill (bulk
 * memory: a memset); other values store a splat four lanes at a time, then the tail one by one.
 * Pointers in bytes.
 */
export function fill(y: usize, value: f32, n: i32): void {
  if (n <= 0) return
  if (reinterpret<u32>(value) == 0) {
    memory.fill(y, 0, (<usize>n) << 2)
    return
  }
  const v = f32x4.splat(value)
  const end = y + ((<usize>n) << 2)
  let p = y
  for (; p + 16 <= end; p += 16) v128.store(p, v)
  for (; p < end; p += 4) store<f32>(p, value)
}
