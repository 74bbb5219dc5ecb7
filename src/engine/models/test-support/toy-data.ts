import { Rng } from '../../init/rng'
import { Tensor } from '../../tensor/tensor'

/**
 * Small synthetic datasets for training tests and the benchmark. They are not MNIST: they only need
 * the right shapes and something learnable, made deterministic by a seed.
 */
export interface ToyDataset {
  /** (n, …sampleShape) */
  x: Tensor
  /** (n, classes) one-hot */
  t: Tensor
  labels: Int32Array
}

/**
 * `classes` random binary prototypes of `features` values; each sample is a prototype with a fraction
 * `flip` of its values flipped. Values are 0/1 like a thresholded digit.
 */
export function noisyPrototypes(
  n: number,
  features: number,
  classes: number,
  flip: number,
  seed: number,
): ToyDataset {
  const rng = new Rng(seed)
  const prototypes = new Float32Array(classes * features)
  for (let i = 0; i < prototypes.length; i++) prototypes[i] = rng.uniform() < 0.5 ? 1 : 0
  const x = new Float32Array(n * features)
  const t = new Float32Array(n * classes)
  const labels = new Int32Array(n)
  for (let s = 0; s < n; s++) {
    const c = s % classes
    labels[s] = c
    t[s * classes + c] = 1
    for (let j = 0; j < features; j++) {
      const v = prototypes[c * features + j]!
      x[s * features + j] = rng.uniform() < flip ? 1 - v : v
    }
  }
  return { x: new Tensor(x, [n, features]), t: new Tensor(t, [n, classes]), labels }
}

/** Uniform [0, 1) values of the given shape (random "images" for speed measurements). */
export function uniformData(shape: readonly number[], seed: number): Tensor {
  const rng = new Rng(seed)
  const size = shape.reduce((a, b) => a * b, 1)
  const data = new Float32Array(size)
  for (let i = 0; i < size; i++) data[i] = rng.uniform()
  return new Tensor(data, shape)
}

/** One-hot targets (n, classes) of random labels. */
export function randomOneHot(n: number, classes: number, seed: number): Tensor {
  const rng = new Rng(seed)
  const data = new Float32Array(n * classes)
  for (let s = 0; s < n; s++) data[s * classes + rng.int(classes)] = 1
  return new Tensor(data, [n, classes])
}
