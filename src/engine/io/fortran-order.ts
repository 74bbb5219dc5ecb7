/**
 * Fortran (column-major) → C (row-major) reordering of raw item bytes.
 *
 * For shape (d0, …, dk−1), the item at index (i0, …, ik−1) sits at Fortran position
 * i0 + d0·(i1 + d1·(i2 + …)) and at C position ((i0·d1 + i1)·d2 + i2)… . The loop walks the source
 * in Fortran order (first index fastest) and keeps the C position up to date incrementally.
 */
export function fortranToC(
  src: Uint8Array<ArrayBuffer>,
  shape: readonly number[],
  itemSize: number,
): Uint8Array<ArrayBuffer> {
  const n = src.length / itemSize
  if (shape.length < 2 || n === 0) return src
  const k = shape.length
  const cStride = new Array<number>(k)
  cStride[k - 1] = 1
  for (let a = k - 2; a >= 0; a--) cStride[a] = cStride[a + 1]! * shape[a + 1]!
  const index = new Array<number>(k).fill(0)
  const out = new Uint8Array(src.length)
  let c = 0
  for (let f = 0; f < n; f++) {
    for (let b = 0, from = f * itemSize, to = c * itemSize; b < itemSize; b++) out[to + b] = src[from + b]!
    for (let a = 0; a < k; a++) {
      if (++index[a]! < shape[a]!) {
        c += cStride[a]!
        break
      }
      index[a] = 0
      c -= cStride[a]! * (shape[a]! - 1)
    }
  }
  return out
}
