import { ShapeError, SpecError } from '../errors'
import { type Shape, sameShape, shapeSize, shapeToString } from '../tensor/shape'
import { allocFloat32 } from '../tensor/float32-allocator'
import { Tensor } from '../tensor/tensor'
import type { Parameter } from './layer'

/**
 * Small helpers every layer file shares: parameter creation, construction-time config checks and
 * the per-call batch-shape check. Messages follow STYLE.md: the layer, what was expected, what was
 * received, and the fix.
 */

/** `conv2d 'c1'`: how every message names its layer. */
export function layerLabel(type: string, name: string): string {
  return `${type} '${name}'`
}

/**
 * A parameter with a zeroed value and a zeroed gradient of the same shape, from the active
 * allocator (in wasm memory when the backend keeps training arrays there: no copies per kernel call).
 */
export function createParameter(name: string, shape: Shape): Parameter {
  const size = shapeSize(shape)
  return { name, value: new Tensor(allocFloat32(size), shape), grad: new Tensor(allocFloat32(size), shape) }
}

/** A config field that must be a positive integer (units, filters, kernel sizes, strides). */
export function requirePositiveInt(label: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new SpecError(`${label}: ${field} must be a positive integer, got ${String(value)}`)
  }
  return value
}

/** A config field that must be a non-negative integer (padding). */
export function requireNonNegativeInt(label: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SpecError(`${label}: ${field} must be a non-negative integer, got ${String(value)}`)
  }
  return value
}

/** Checks the per-sample input shape's rank at construction ("expects (C, Y, X), got (784)"). */
export function requireInputRank(
  label: string,
  inputShape: Shape,
  rank: number,
  expected: string,
  fix: string,
): void {
  if (inputShape.length !== rank || inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new SpecError(
      `${label}: expects a per-sample input ${expected}, got ${shapeToString(inputShape)}; ${fix}`,
    )
  }
}

/**
 * Checks that a batch tensor is (N, …perSample) with N ≥ 1 and returns N.
 * `what` says which argument is checked ("input" for forward, "upstream gradient" for backward).
 */
export function batchSize(label: string, t: Tensor, perSample: Shape, what = 'input'): number {
  const n = t.shape[0]
  if (n === undefined || n < 1 || !sameShape(t.shape.slice(1), perSample)) {
    throw new ShapeError(
      `${label}: ${what} must be (N, ${perSample.join(', ')}) with N ≥ 1, got ${shapeToString(t.shape)}`,
    )
  }
  return n
}

/** backward() before forward(): a programming error worth a clear message. */
export function requireForward<T>(label: string, saved: T | undefined): T {
  if (saved === undefined) {
    throw new ShapeError(`${label}: backward() was called before forward(); run forward on a batch first`)
  }
  return saved
}

/** backward's dy must match the last forward's output batch. */
export function requireSameBatch(label: string, dy: Tensor, outputShape: Shape, n: number): void {
  const expected = [n, ...outputShape]
  if (!sameShape(dy.shape, expected)) {
    throw new ShapeError(
      `${label}: upstream gradient must have the last output's shape ${shapeToString(expected)}, ` +
        `got ${shapeToString(dy.shape)}`,
    )
  }
}

/**
 * A layer's reusable buffer (see layer.ts, "Buffers"): the same Float32Array while the size stays
 * the same, a new one (zeros, from the active allocator) when it changes. `reused: false` always gives
 * a new plain array (inference: the caller may keep it or send it anywhere).
 */
export class ReusedBuffer {
  private array: Float32Array = new Float32Array(0)

  take(size: number, reused = true): Float32Array {
    if (!reused) return new Float32Array(size)
    if (this.array.length !== size) this.array = allocFloat32(size)
    return this.array
  }
}

/** The empty (0, …shape) tensor a layer returns for ∂x when backward was asked for no input gradient. */
export function emptyBatch(perSample: Shape): Tensor {
  return new Tensor(new Float32Array(0), [0, ...perSample])
}
