/** Training helpers: one step over a minibatch, minibatch samplers and batch assembly. */
export { trainStep, evaluateLoss, type TrainableModel } from './train-step'
export { type Sampler, type SamplerState } from './sampler'
export { ShuffleSampler, type ShuffleSamplerOptions } from './shuffle-sampler'
export { RandomWithReplacementSampler, type RandomWithReplacementSamplerOptions } from './random-sampler'
export { gatherBatch, BatchBuffer } from './gather-batch'
