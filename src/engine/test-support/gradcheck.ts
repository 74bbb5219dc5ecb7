import { ShapeError } from '../errors'
import { Rng } from '../init/rng'
import type { Layer, Parameter } from '../layers/layer'
import { Tensor } from '../tensor/tensor'
import { type Shape, sameShape, shapeSize, shapeToString } from '../tensor/shape'

/**
 * Central-difference gradient check (ConvNetJS / CS231n style) for a layer or a chain of layers.
 *
 * The scalar probed is L = Σ_i y_i · g_i with a fixed upstream gradient g (so ∂L/∂y = g, and the
 * analytic gradients are exactly what backward(g) returns and accumulates). For every entry v of the
 * input and of every parameter:
 *
 *   numeric  = (L(v⁺) − L(v⁻)) / (v⁺ − v⁻),   v± = fround(v ± eps)
 *   passes   |analytic − numeric| ≤ atol + rtol · max(|analytic|, |numeric|)
 *
 * The layers compute in float32; L is summed in float64 and the step is the exact float32 difference
 * v⁺ − v⁻, so the only errors are the layer's float32 rounding (≈ 6e−8 relative per output, divided by
 * the step) and the O(eps²) truncation of the central difference. With eps = 1e−2 both stay below
 * about 1e−4 for outputs of order 1, hence the defaults atol = 1e−3, rtol = 1e−2: a wrong backward
 * (a missing term, a transposed index, a dropped second use of a tied weight) is off by O(1).
 * Kinks (relu at 0, a max-pool tie, |x| at 0 for Lp) must be farther than eps from every input.
 *
 * Parameters are those the layers own (deduplicated by tensor) plus `extraParameters` — e.g. the
 * encoder's W when checking a tied decoder alone. All grads are zeroed before the analytic pass.
 * Stochastic layers (dropout, noise) draw the same numbers on every evaluation when their Rng is
 * passed as `rng`: its state is saved once and restored before each forward.
 */
export interface GradCheckOptions {
  /** ForwardOptions.training for every evaluation (default false). */
  training?: boolean
  /** The Rng shared by stochastic layers; restored before every forward so draws repeat. */
  rng?: Rng
  /** Perturbation (default 1e-2). */
  eps?: number
  /** Relative tolerance (default 1e-2). */
  rtol?: number
  /** Absolute tolerance (default 1e-3). */
  atol?: number
  /** Upstream gradient g = ∂L/∂y; default uniform(−1, 1) drawn from `seed`. */
  upstream?: Tensor
  /** Seed of the default upstream gradient (default 7). */
  seed?: number
  /** Parameters used but not owned by the layers (a tied decoder's shared W). */
  extraParameters?: readonly Parameter[]
  /** Check at most this many evenly spaced entries per tensor (default: all). */
  maxEntriesPerTensor?: number
}

export interface GradCheckEntry {
  /** 'input' or the parameter name. */
  name: string
  checked: number
  failures: number
  maxAbsError: number
  /** max |a − n| / max(|a|, |n|) over entries with max(|a|, |n|) > atol. */
  maxRelError: number
  worst: { index: number; analytic: number; numeric: number }
}

export interface GradCheckReport {
  entries: GradCheckEntry[]
  passed: boolean
  /** One line per tensor, for assertion messages. */
  summary: string
}

/** Deterministic uniform(low, high) tensor: handy upstream gradients and inputs for checks. */
export function randomTensor(shape: Shape, seed: number, low = -1, high = 1): Tensor {
  const rng = new Rng(seed)
  const data = new Float32Array(shapeSize(shape))
  for (let i = 0; i < data.length; i++) data[i] = rng.uniformRange(low, high)
  return new Tensor(data, shape)
}

export function gradCheck(
  layers: Layer | readonly Layer[],
  x: Tensor,
  options: GradCheckOptions = {},
): GradCheckReport {
  const chain: readonly Layer[] = Array.isArray(layers) ? layers : [layers as Layer]
  const training = options.training ?? false
  const eps = options.eps ?? 1e-2
  const rtol = options.rtol ?? 1e-2
  const atol = options.atol ?? 1e-3
  const rngState = options.rng?.getState()

  const run = (input: Tensor): Tensor => {
    if (options.rng && rngState) options.rng.setState(rngState)
    let t = input
    for (const layer of chain) t = layer.forward(t, { training })
    return t
  }

  const params: Parameter[] = []
  for (const p of [...chain.flatMap((l) => l.parameters()), ...(options.extraParameters ?? [])]) {
    if (!params.some((q) => q.value === p.value)) params.push(p)
  }
  for (const p of params) p.grad.data.fill(0)

  // Analytic pass.
  const y0 = run(x)
  const g = options.upstream ?? randomTensor(y0.shape, options.seed ?? 7)
  if (!sameShape(g.shape, y0.shape)) {
    throw new ShapeError(`gradCheck: upstream ${shapeToString(g.shape)} ≠ output ${shapeToString(y0.shape)}`)
  }
  let dx = g
  for (let i = chain.length - 1; i >= 0; i--) dx = chain[i]!.backward(dx)
  const analyticInput = Float32Array.from(dx.data)
  const analyticParams = params.map((p) => Float32Array.from(p.grad.data))

  const loss = (input: Tensor): number => {
    const y = run(input).data
    let sum = 0
    for (let i = 0; i < y.length; i++) sum += y[i]! * g.data[i]!
    return sum
  }

  const check = (
    name: string,
    values: Float32Array,
    analytic: Float32Array,
    input: Tensor,
  ): GradCheckEntry => {
    const entry: GradCheckEntry = {
      name,
      checked: 0,
      failures: 0,
      maxAbsError: 0,
      maxRelError: 0,
      worst: { index: -1, analytic: 0, numeric: 0 },
    }
    const count = values.length
    const limit = Math.min(count, options.maxEntriesPerTensor ?? count)
    for (let k = 0; k < limit; k++) {
      const index = limit === count ? k : Math.floor((k * count) / limit)
      const original = values[index]!
      const plus = Math.fround(original + eps)
      const minus = Math.fround(original - eps)
      values[index] = plus
      const lossPlus = loss(input)
      values[index] = minus
      const lossMinus = loss(input)
      values[index] = original
      const numeric = (lossPlus - lossMinus) / (plus - minus)
      const a = analytic[index]!
      const abs = Math.abs(a - numeric)
      const scale = Math.max(Math.abs(a), Math.abs(numeric))
      entry.checked++
      if (abs > atol + rtol * scale) entry.failures++
      if (scale > atol) entry.maxRelError = Math.max(entry.maxRelError, abs / scale)
      if (abs >= entry.maxAbsError) {
        entry.maxAbsError = abs
        entry.worst = { index, analytic: a, numeric }
      }
    }
    return entry
  }

  const xCopy = x.clone()
  const entries = [check('input', xCopy.data, analyticInput, xCopy)]
  params.forEach((p, i) => entries.push(check(p.name, p.value.data, analyticParams[i]!, x)))
  // Leave the grads as the analytic pass produced them (the numeric passes never call backward).
  const summary = entries
    .map(
      (e) =>
        `${e.name}: ${e.checked} checked, ${e.failures} failed, max abs ${e.maxAbsError.toExponential(2)}, ` +
        `max rel ${e.maxRelError.toExponential(2)} (worst #${e.worst.index}: analytic ${e.worst.analytic}, ` +
        `numeric ${e.worst.numeric})`,
    )
    .join('\n')
  return { entries, passed: entries.every((e) => e.failures === 0), summary }
}
