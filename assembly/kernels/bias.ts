/**
 * Biases and their gradients: the `+ b` of the lecture's u = xW + b (one bias per column, on every
 * row) and the per-filter bias of conv2d (one bias per output channel, on every position):
 *
 *   addRowBias      y (rows×cols) += b (cols) on every row
 *   sumRows         db (cols) += Σ_rows dy (rows×cols)                  (∂b = column sums of Δ)
 *   addChannelBias  y (N, M, size) += b[m] for every n and position
 *   sumChannels     db (M) += Σ_n Σ_positions dy (N, M, size)
 *
 * The sums run in float64 and are added to db once per entry (accumulate, as every backward kernel).
 * sumRows keeps one float64 sum per column in `work` (8·cols bytes), two columns per f64x2 lane pair,
 * adding the rows in order: the same sums, in the same order, as the JS reference. sumChannels adds
 * each channel's run of positions into four float64 partial sums (lanes of two f64x2), four times
 * the speed of one sequential sum, at float64 rounding (far below the float32 result's).
 * Pointers in bytes.
 */
export function addRowBias(y: usize, bias: usize, rows: i32, cols: i32): void {
  const rowBytes = (<usize>cols) << 2
  const vectorBytes = (<usize>(cols & ~3)) << 2
  for (let r = 0; r < rows; r++) {
    const yr = y + <usize>r * rowBytes
    let q: usize = 0
    for (; q < vectorBytes; q += 16) v128.store(yr + q, f32x4.add(v128.load(yr + q), v128.load(bias + q)))
    for (; q < rowBytes; q += 4) store<f32>(yr + q, load<f32>(yr + q) + load<f32>(bias + q))
  }
}

export function sumRows(db: usize, dy: usize, rows: i32, cols: i32, work: usize): void {
  memory.fill(work, 0, (<usize>cols) << 3)
  const rowBytes = (<usize>cols) << 2
  const pairs = cols & ~1
  for (let r = 0; r < rows; r++) {
    const dr = dy + <usize>r * rowBytes
    let j = 0
    for (; j < pairs; j += 2) {
      const acc = work + ((<usize>j) << 3)
      const v = f64x2.promote_low_f32x4(v128.load64_zero(dr + ((<usize>j) << 2)))
      v128.store(acc, f64x2.add(v128.load(acc), v))
    }
    if (j < cols)
      store<f64>(
        work + ((<usize>j) << 3),
        load<f64>(work + ((<usize>j) << 3)) + <f64>load<f32>(dr + ((<usize>j) << 2)),
      )
  }
  for (let j = 0; j < cols; j++) {
    const at = db + ((<usize>j) << 2)
    store<f32>(at, <f32>(<f64>load<f32>(at) + load<f64>(work + ((<usize>j) << 3))))
  }
}

export function addChannelBias(y: usize, bias: usize, batch: i32, channels: i32, size: i32): void {
  const runBytes = (<usize>size) << 2
  const vectorBytes = (<usize>(size & ~3)) << 2
  let o = y
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const b = load<f32>(bias + ((<usize>c) << 2))
      const bv = f32x4.splat(b)
      let q: usize = 0
      for (; q < vectorBytes; q += 16) v128.store(o + q, f32x4.add(v128.load(o + q), bv))
      for (; q < runBytes; q += 4) store<f32>(o + q, load<f32>(o + q) + b)
      o += runBytes
    }
  }
}

export function sumChannels(db: usize, dy: usize, batch: i32, channels: i32, size: i32): void {
  const runBytes = (<usize>size) << 2
  const vectorBytes = (<usize>(size & ~3)) << 2
  for (let c = 0; c < channels; c++) {
    let low = f64x2.splat(0)
    let high = f64x2.splat(0)
    let tail: f64 = 0
    for (let n = 0; n < batch; n++) {
      const run = dy + (<usize>n * channels + c) * runBytes
      let q: usize = 0
      for (; q < vectorBytes; q += 16) {
        const v = v128.load(run + q)
        low = f64x2.add(low, f64x2.promote_low_f32x4(v))
        high = f64x2.add(high, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)))
      }
      for (; q < runBytes; q += 4) tail += <f64>load<f32>(run + q)
    }
    const sum = f64x2.add(low, high)
    const at = db + ((<usize>c) << 2)
    const total = f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1) + tail
    store<f32>(at, <f32>(<f64>load<f32>(at) + total))
  }
}
