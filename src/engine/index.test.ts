import { describe, expect, it } from 'vitest'
import * as engine from './index'
import type { KernelName } from './index'

const kernelNames: KernelName[] = [
  'gemm',
  'im2col',
  'col2im',
  'conv2dForward',
  'conv2dBackward',
  'maxPoolForward',
  'maxPoolBackward',
  'avgPoolForward',
  'avgPoolBackward',
  'lpPoolForward',
  'lpPoolBackward',
  'addRowBias',
  'sumRows',
  'addChannelBias',
  'sumChannels',
  'sigmoidForward',
  'sigmoidBackward',
  'tanhForward',
  'tanhBackward',
  'reluForward',
  'reluBackward',
  'softmaxForward',
  'softmaxBackward',
  'softmaxCrossEntropy',
  'sgdUpdate',
  'fill',
  'squaredError',
  'adamUpdate',
]

describe('the engine’s public API', () => {
  it('registers the JS reference kernel for every kernel name on import', () => {
    for (const name of kernelNames) expect(engine.registeredBackends(name), name).toContain('js')
    expect(Object.keys(engine.kernelBackends()).sort()).toEqual([...kernelNames].sort())
  })

  it('exports the building blocks by their documented names', () => {
    for (const name of [
      'tensor',
      'zeros',
      'Tensor',
      'buildModel',
      'inferShapes',
      'checkModelSpec',
      'parseModelSpec',
      'modelSpecSchema',
      'Model',
      'getLoss',
      'createOptimizer',
      'trainStep',
      'evaluateLoss',
      'ShuffleSampler',
      'RandomWithReplacementSampler',
      'BatchBuffer',
      'readNpz',
      'writeNpz',
      'readNpy',
      'writeNpy',
      'stateDictToNpz',
      'npzToStateDict',
      'lectureLayerFromNpz',
      'lectureLayerToNpz',
      'Rng',
      'registerKernel',
      'useBackend',
      'kernels',
      'EngineError',
      'ShapeError',
      'SpecError',
      'NpyFormatError',
      'KernelError',
    ]) {
      expect((engine as Record<string, unknown>)[name], name).toBeDefined()
    }
  })

  it('computes u = xW + b through the public API: a 2-input, 2-unit dense model', () => {
    const model = engine.buildModel(
      { format: 'dllab.model/1', input: { features: 2 }, layers: [{ type: 'dense', name: 'fc', units: 2 }] },
      { seed: 1 },
    )
    model.loadStateDict({
      'fc.W': engine.tensor([1, 2, 3, 4], [2, 2]),
      'fc.b': engine.tensor([0.5, -0.5], [2]),
    })
    // [1, −1]·[[1, 2], [3, 4]] + [0.5, −0.5] = [−2 + 0.5, −2 − 0.5]
    const y = model.forward(engine.tensor([1, -1], [1, 2]), { training: false })
    expect(Array.from(y.data)).toEqual([-1.5, -2.5])
  })
})
