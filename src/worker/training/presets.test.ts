import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadPresets, presetsDir } from '../../main/services/runs'
import { networkForExperiment } from './network'

const dir = presetsDir(fileURLToPath(new URL('../../..', import.meta.url)))

describe('preset networks', async () => {
  const catalog = await loadPresets(dir)

  it("lecture-ae-32/100 list AE.py's normalisation after the hidden layer, once", () => {
    for (const h of [32, 100]) {
      const { experiment, model } = catalog.presets.get(`lecture-ae-${h}`)!
      const network = networkForExperiment(experiment, model)
      expect(network.layers.map((l) => `${l.type} ${l.name} ${l.outputShape.join('×')}`)).toEqual([
        `dense hunit ${h}`,
        `unit-sum hunit-sum ${h}`,
        'dense outunit 196',
      ])
    }
  })

  it('lenet5 and stacked-ae train on logits (softmax-cross-entropy), lecture-dl keeps its sigmoid', () => {
    const logits = (name: string) => {
      const { experiment, model } = catalog.presets.get(name)!
      return networkForExperiment(experiment, model).model.finalSoftmaxOmitted
    }
    expect(logits('lenet5')).toBe(true)
    expect(logits('stacked-ae')).toBe(true)
    expect(logits('lecture-dl')).toBe(false)
  })

  it('ae-denoising corrupts its input; ae-tied has its tied decoder', () => {
    const denoising = catalog.presets.get('ae-denoising')!
    expect(networkForExperiment(denoising.experiment, denoising.model).layers[0]!.type).toBe('noise')
    const tied = catalog.presets.get('ae-tied')!
    expect(networkForExperiment(tied.experiment, tied.model).layers.map((l) => l.type)).toEqual([
      'dense',
      'activation',
      'tied-dense',
      'activation',
    ])
  })
})
