import { describe, expect, it } from 'vitest'
import { npzToStateDict, type Parameter, readNpz, zeros } from '../../engine'
import { decodeCheckpoint, encodeCheckpoint, restoreParameters } from './checkpoint'
import { TrainingError } from './types'

const createParameter = (name: string, shape: number[]): Parameter => ({
  name,
  value: zeros(shape),
  grad: zeros(shape),
})

function params() {
  const w = createParameter('hunit.W', [2, 3])
  const b = createParameter('hunit.b', [3])
  w.value.data.set([1, 2, 3, 4, 5, 6])
  b.value.data.set([0.5, -0.5, 0.25])
  return [w, b]
}

const meta = {
  stage: 'train',
  stageIndex: 0,
  epoch: 2,
  batch: 5,
  step: 25,
  seed: 7,
  sampler: { rngState: [1, 2, 3, 4] as [number, number, number, number], epoch: 2, position: 5 },
  runtimeRng: [9, 8, 7, 6] as [number, number, number, number],
  optimizerName: 'sgd',
  sums: { samples: 5, lossSum: 1.5, rawLossSum: 1.5, correct: 3, seconds: 0.25 },
}

describe('checkpoints', () => {
  it('hold the parameters, optim.* buffers and the JSON meta under NumPy-readable keys', () => {
    const momentum = Float32Array.from([0.1, 0.2, 0.3])
    const bytes = encodeCheckpoint(params(), { step: 25, 'hunit.b.momentum': momentum }, meta)
    const arrays = readNpz(bytes)
    expect(Object.keys(arrays)).toEqual(['hunit.W', 'hunit.b', 'optim.hunit.b.momentum', '__meta__'])
    expect(arrays['hunit.W']!.dtype).toBe('float32')
    expect(arrays['hunit.W']!.shape).toEqual([2, 3])
    const decoded = decodeCheckpoint(bytes)
    expect(decoded.optimizer).toEqual({ step: 25, 'hunit.b.momentum': momentum })
    expect(decoded.meta).toMatchObject({
      format: 'dllab.checkpoint/1',
      stage: 'train',
      epoch: 2,
      batch: 5,
      step: 25,
      optimizer: { name: 'sgd', scalars: { step: 25 } },
      sums: meta.sums,
    })
    expect(decoded.meta.kernels.gemm).toBeTypeOf('string')
    const fresh = params().map((p) => ({ ...p, value: p.value.clone() }))
    fresh.forEach((p) => p.value.data.fill(0))
    restoreParameters(fresh, decoded.weights)
    expect(Array.from(fresh[0]!.value.data)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('refuse files that are not checkpoints and weights of another network', () => {
    const weightsOnly = npzToStateDict(encodeCheckpoint(params(), { step: 0 }, meta)).tensors
    expect(() => restoreParameters([createParameter('other.W', [2, 3])], weightsOnly)).toThrow(
      new TrainingError(
        'the checkpoint does not match this network (missing other.W; unexpected hunit.W, hunit.b); ' +
          'was it written by another experiment?',
      ),
    )
    expect(() => decodeCheckpoint(new Uint8Array([1, 2, 3]))).toThrow(/the checkpoint cannot be read/)
  })
})
