/**
 * An integer matrix printed as NumPy prints it, so `dllab eval` shows the confusion matrix exactly
 * as the lecture's Predict() does with `print(result)`:
 *
 *   [[96  0  0  0  2  1  1  0  0  0]
 *    [ 0 90  1  0  0  0  0  1  7  1]
 *    …
 *    [ 0  0  0  0 19  3  0  0  1 77]]
 *
 * Every entry right-aligned to the widest one, one space between entries. (NumPy wraps rows wider
 * than 75 characters; these are printed on one line however wide.)
 */
export function numpyMatrix(matrix: readonly (readonly number[])[]): string {
  if (matrix.length === 0) return '[]'
  const width = Math.max(...matrix.flat().map((v) => String(v).length))
  const rows = matrix.map((row) => `[${row.map((v) => String(v).padStart(width)).join(' ')}]`)
  return `[${rows.join('\n ')}]`
}
