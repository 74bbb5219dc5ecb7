import { requireLength } from './check'

/**
 * Biases and their gradients: the `+ b` of the lecture's u = xW + b (one bias per column, on every
 * row of the batch) and the per-filter bias of conv2d (one bias per output channel, on every
 * position of every image).
 *
 *   addRowBias      y (rows×cols) += b (cols) on every row
 *   sumRows         db (cols) += Σ_rows dy (rows×cols)                  (∂b = column sums of Δ)
 *   addChannelBias  y (N, M, size) += b[m] for every n and position
 *   sumChannels     db (M) += Σ_n Σ_positions dy (N, M, size)
 *
 * The sums run in float64 and are added to db once per entry (accumulate, as every backward kernel).
 */
export function addRowBias(y: Float32Array, bias: Float32Array, rows: number, cols: number): void {
  requireLength('addRowBias', 'y', y, rows * cols, `(${rows}×${cols})`)
  requireLength('addRowBias', 'bias', bias, cols, `(${cols})`)
  for (let r = 0, o = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++, o++) y[o] += bias[j]
  }
}

export function sumRows(db: Float32Array, dy: Float32Array, rows: number, cols: number): void {
  requireLength('sumRows', 'db', db, cols, `(${cols})`)
  requireLength('sumRows', 'dy', dy, rows * cols, `(${rows}×${cols})`)
  for (let j = 0; j < cols; j++) {
    let sum = 0
    for (let r = 0, o = j; r < rows; r++, o += cols) sum += dy[o]
    db[j] += sum
  }
}

export function addChannelBias(
  y: Float32Array,
  bias: Float32Array,
  batch: number,
  channels: number,
  size: number,
): void {
  requireLength('addChannelBias', 'y', y, batch * channels * size, `(${batch}, ${channels}, ${size})`)
  requireLength('addChannelBias', 'bias', bias, channels, `(${channels})`)
  for (let n = 0, o = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const b = bias[c]
      for (const end = o + size; o < end; o++) y[o] += b
    }
  }
}

export function sumChannels(
  db: Float32Array,
  dy: Float32Array,
  batch: number,
  channels: number,
  size: number,
): void {
  requireLength('sumChannels', 'db', db, channels, `(${channels})`)
  requireLength('sumChannels', 'dy', dy, batch * channels * size, `(${batch}, ${channels}, ${size})`)
  for (let c = 0; c < channels; c++) {
    let sum = 0
    for (let n = 0; n < batch; n++) {
      for (let o = (n * channels + c) * size, end = o + size; o < end; o++) sum += dy[o]
    }
    db[c] += sum
  }
}
