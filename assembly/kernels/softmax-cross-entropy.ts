/**
 * Fused softmax cross-entropy on logits, numerically stable:
 *
 *   logits z (rows × cols), targets t (rows × cols): one-hot or soft rows, each summing to 1
 *   per row   m = max_j z_j,  s = Σ_j e^(z_j − m)                 (1 ≤ s ≤ cols: never overflows)
 *             log softmax(z)_j = (z_j − m) − log s
 *             loss_row = −Σ_j t_j log softmax(z)_j                  (terms with t_j = 0 skipped)
 *   returns   Σ_rows loss_row                                       (a sum, not a mean)
 *   writes    dLogits_j = (softmax(z)_j − t_j) · scale
 *
 * Unlike the activations, this kernel runs in float64 (AssemblyScript's Math.exp and Math.log, ports
 * of musl's, correctly rounded in nearly all cases): the loss is a reported number, compared with
 * PyTorch's float64 reference to 1e−12, and its cost is O(rows·cols) — negligible beside the GEMMs
 * that produced the logits. dLogits is written once per element after it was read, so it may alias
 * the logits. Pointers in bytes.
 */
export function softmaxCrossEntropy(
  dLogits: usize,
  logits: usize,
  targets: usize,
  rows: i32,
  cols: i32,
  scale: f64,
): f64 {
  let total: f64 = 0
  for (let r = 0; r < rows; r++) {
    const o = (<usize>r * cols) << 2
    let m: f64 = -Infinity
    for (let j = 0; j < cols; j++) {
      const z = <f64>load<f32>(logits + o + ((<usize>j) << 2))
      if (z > m) m = z
    }
    let sum: f64 = 0
    for (let j = 0; j < cols; j++) sum += Math.exp(<f64>load<f32>(logits + o + ((<usize>j) << 2)) - m)
    const logSum = Math.log(sum)
    for (let j = 0; j < cols; j++) {
      const at = o + ((<usize>j) << 2)
      const logP = <f64>load<f32>(logits + at) - m - logSum
      const t = <f64>load<f32>(targets + at)
      if (t != 0) total -= t * logP
      store<f32>(dLogits + at, <f32>((Math.exp(logP) - t) * scale))
    }
  }
  return total
}
