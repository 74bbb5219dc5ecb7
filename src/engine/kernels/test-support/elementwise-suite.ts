import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Rng } from '../../init/rng'
import { getKernel } from '../registry'
import { expectClose, randomFloats } from './close'
import { centralDifferences } from './reference'

/**
 * Activations (sigmoid, tanh, relu, row softmax) and bias kernels on one backend: forward against
 * float64 definitions, backward against central differences of those definitions, the write (=)
 * semantics of activation backward (in place allowed) versus the accumulate (+=) semantics of the
 * bias gradients, and extreme inputs.
 */
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v))
const FORWARD_TOLERANCE = { rtol: 1e-6, atol: 1e-7 }
const BACKWARD_TOLERANCE = { rtol: 1e-5, atol: 1e-6 }

type Unary = 'sigmoid' | 'tanh' | 'relu'
const UNARY: Record<Unary, (v: number) => number> = { sigmoid, tanh: Math.tanh, relu: (v) => Math.max(0, v) }

function runUnary(
  backend: string,
  name: Unary,
  x: Float32Array,
): { y: Float32Array; backward: (dy: Float32Array, dx: Float32Array) => void } {
  const y = new Float32Array(x.length)
  const n = x.length
  if (name === 'sigmoid') getKernel('sigmoidForward', backend)(y, x, n)
  else if (name === 'tanh') getKernel('tanhForward', backend)(y, x, n)
  else getKernel('reluForward', backend)(y, x, n)
  const backward = (dy: Float32Array, dx: Float32Array): void => {
    if (name === 'sigmoid') getKernel('sigmoidBackward', backend)(dx, dy, y, n)
    else if (name === 'tanh') getKernel('tanhBackward', backend)(dx, dy, y, n)
    else getKernel('reluBackward', backend)(dx, dy, x, n)
  }
  return { y, backward }
}

export function elementwiseSuite(backend: string): void {
  describe('activations and biases', () => {
    const rng = new Rng(4004)

    for (const name of ['sigmoid', 'tanh', 'relu'] as const) {
      it(`${name}: forward is the definition, backward matches central differences and overwrites dx`, () => {
        const x = randomFloats(rng, 37, -4, 4)
        for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) < 1e-3) x[i] = 0.5 // away from relu's kink
        const { y, backward } = runUnary(backend, name, x)
        expectClose(y, Array.from(x, UNARY[name]), FORWARD_TOLERANCE, `${name} y`)
        const dy = randomFloats(rng, x.length)
        const dx = new Float32Array(x.length).fill(Number.NaN) // written, not added to
        backward(dy, dx)
        const numeric = centralDifferences((v) => v.map(UNARY[name]), x, dy)
        expectClose(dx, numeric, BACKWARD_TOLERANCE, `${name} dx`)
        backward(dy, dy) // in place: dx may be dy
        expectClose(dy, dx, { rtol: 0, atol: 0 }, `${name} in place`)
      })
    }

    it('sigmoid and tanh saturate without NaN; relu keeps NaN and gives 0 gradient at 0', () => {
      const x = Float32Array.of(-1000, -80, 0, 80, 1000)
      expect(Array.from(runUnary(backend, 'sigmoid', x).y)).toEqual(
        [0, sigmoid(-80), 0.5, 1, 1].map(Math.fround),
      )
      expect(Array.from(runUnary(backend, 'tanh', x).y)).toEqual([-1, -1, 0, 1, 1])
      const relu = runUnary(backend, 'relu', Float32Array.of(-2, 0, 3, Number.NaN))
      expect(Array.from(relu.y)).toEqual([0, 0, 3, NaN])
      const dx = new Float32Array(4)
      relu.backward(Float32Array.of(5, 5, 5, 5), dx)
      expect(Array.from(dx)).toEqual([0, 0, 5, 0])
    })

    it('softmax: rows sum to 1, match the definition, survive logits of 1000; backward matches differences', () => {
      const [rows, cols] = [4, 7]
      const x = randomFloats(rng, rows * cols, -5, 5)
      x.fill(1000, 0, 3) // the first row starts with three large, equal logits
      const y = new Float32Array(rows * cols)
      getKernel('softmaxForward', backend)(y, x, rows, cols)
      const reference = (v: Float64Array): Float64Array => {
        const out = new Float64Array(v.length)
        for (let r = 0; r < rows; r++) {
          const row = v.subarray(r * cols, (r + 1) * cols)
          const max = Math.max(...row)
          const sum = row.reduce((s, z) => s + Math.exp(z - max), 0)
          row.forEach((z, j) => (out[r * cols + j] = Math.exp(z - max) / sum))
        }
        return out
      }
      expectClose(y, reference(Float64Array.from(x)), FORWARD_TOLERANCE, 'softmax y')
      for (let r = 0; r < rows; r++) {
        expect(y.subarray(r * cols, (r + 1) * cols).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6)
      }
      const dy = randomFloats(rng, rows * cols)
      const dx = new Float32Array(rows * cols).fill(Number.NaN)
      getKernel('softmaxBackward', backend)(dx, dy, y, rows, cols)
      expectClose(dx, centralDifferences(reference, x, dy), BACKWARD_TOLERANCE, 'softmax dx')
      getKernel('softmaxBackward', backend)(dy, dy, y, rows, cols) // in place
      expectClose(dy, dx, { rtol: 0, atol: 0 }, 'softmax in place')
    })

    it('addRowBias adds b to every row; sumRows adds the column sums to db', () => {
      const [rows, cols] = [5, 3]
      const y = randomFloats(rng, rows * cols)
      const b = Float32Array.of(1, -2, 0.5)
      const expected = Array.from(y, (v, i) => v + b[i % cols])
      getKernel('addRowBias', backend)(y, b, rows, cols)
      expectClose(y, expected, FORWARD_TOLERANCE, 'y + b')
      const db = Float32Array.of(10, 20, 30)
      getKernel('sumRows', backend)(db, y, rows, cols)
      const sums = [0, 1, 2].map((j) => [0, 1, 2, 3, 4].reduce((s, r) => s + y[r * cols + j], 0))
      expectClose(db, [10 + sums[0], 20 + sums[1], 30 + sums[2]], FORWARD_TOLERANCE, 'db += Σ rows')
    })

    it('addChannelBias adds b[m] to every position of channel m; sumChannels accumulates per channel', () => {
      const [batch, channels, size] = [3, 4, 5]
      const y = randomFloats(rng, batch * channels * size)
      const b = Float32Array.of(0.25, -1, 2, 7)
      const channelOf = (i: number): number => Math.floor(i / size) % channels
      const expected = Array.from(y, (v, i) => v + b[channelOf(i)])
      getKernel('addChannelBias', backend)(y, b, batch, channels, size)
      expectClose(y, expected, FORWARD_TOLERANCE, 'y + b')
      const db = Float32Array.of(1, 1, 1, 1)
      getKernel('sumChannels', backend)(db, y, batch, channels, size)
      const sums = [1, 1, 1, 1]
      y.forEach((v, i) => (sums[channelOf(i)] += v))
      expectClose(db, sums, FORWARD_TOLERANCE, 'db += Σ channel')
    })

    it('reject too-small buffers with a ShapeError', () => {
      expect(() => getKernel('sigmoidForward', backend)(new Float32Array(2), new Float32Array(3), 3)).toThrow(
        ShapeError,
      )
      expect(() =>
        getKernel('reluBackward', backend)(new Float32Array(3), new Float32Array(3), new Float32Array(2), 3),
      ).toThrow(ShapeError)
      expect(() =>
        getKernel('softmaxForward', backend)(new Float32Array(6), new Float32Array(5), 2, 3),
      ).toThrow(ShapeError)
      expect(() => getKernel('sumRows', backend)(new Float32Array(2), new Float32Array(6), 2, 3)).toThrow(
        ShapeError,
      )
      expect(() =>
        getKernel('addChannelBias', backend)(new Float32Array(11), new Float32Array(2), 2, 2, 3),
      ).toThrow(ShapeError)
    })
  })
}
