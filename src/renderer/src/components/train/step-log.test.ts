import { describe, expect, it } from 'vitest'
import { defaultDraft, type ExperimentDraft } from './experiment-draft'
import { limitedCount, mnistTrainImages, stepLogInterval } from './step-log'

const draft = (change: Partial<ExperimentDraft>): ExperimentDraft => ({ ...defaultDraft(), ...change })

describe('stepLogInterval', () => {
  it('keeps at most 500 step lines a stage', () => {
    // All of MNIST, minibatches of 64, 3 epochs: 3 · ⌈60000/64⌉ = 3 · 938 = 2814 steps → every 6.
    expect(stepLogInterval(draft({ epochs: 3, batchSize: 64 }), {}, 60_000)).toBe(6)
    expect(Math.floor(2814 / 6)).toBeLessThanOrEqual(500)
    // The lecture's per-sample updates over 10 epochs: 600,000 steps → every 1,200.
    expect(stepLogInterval(draft({ epochs: 10, batchSize: 1 }), {}, 60_000)).toBe(1200)
    // A short trial: 2 · ⌈10000/16⌉ = 1250 steps → every 3 (416 lines).
    expect(stepLogInterval(draft({ epochs: 2, batchSize: 16 }), {}, 10_000)).toBe(3)
    // Fewer steps than lines: every step.
    expect(stepLogInterval(draft({ epochs: 1, batchSize: 10 }), {}, 300)).toBe(1)
  })

  it('counts random draws, and a stacked autoencoder’s own pre-training epochs and minibatch', () => {
    const draws = draft({
      epochs: 200,
      batchSize: 1,
      sampling: 'random-with-replacement',
      drawsPerEpoch: 1000,
    })
    expect(stepLogInterval(draws, {}, 50_000)).toBe(400) // 200 · 1000 steps
    const stacked = draft({ task: 'pretrain-stack', epochs: 2, pretrainEpochs: 30, batchSize: 100 })
    // Pre-training: 30 epochs of ⌈1000/10⌉ = 100 steps = 3000 steps → every 6.
    expect(stepLogInterval(stacked, { pretrain: { batchSize: 10 } }, 1000)).toBe(6)
    expect(stepLogInterval(stacked, {}, 1000)).toBe(1) // 30 · 10 = 300 steps
  })

  it('asks for no step lines when the data’s size is not known or the form is invalid', () => {
    expect(stepLogInterval(draft({}), {}, null)).toBeUndefined()
    expect(stepLogInterval(draft({}), {}, 0)).toBeUndefined()
    expect(stepLogInterval(draft({ batchSize: Number.NaN }), {}, 100)).toBeUndefined()
  })
})

describe('training images an epoch', () => {
  it('bounds built-in MNIST by its classes and the limit per class', () => {
    expect(mnistTrainImages(undefined)).toBe(60_000)
    expect(mnistTrainImages(1000)).toBe(10_000)
    expect(mnistTrainImages(7000)).toBe(60_000)
  })

  it('adds the class counts, each cut at the limit', () => {
    expect(limitedCount([4, 3, 2], undefined)).toBe(9)
    expect(limitedCount([4, 3, 2], 3)).toBe(8)
  })
})
