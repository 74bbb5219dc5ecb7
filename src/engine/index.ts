/**
 * The engine's public API (docs/engine.md). Import the engine through this module: it registers the
 * JS reference kernels, so every layer can run. Everything here is plain TypeScript with no Node,
 * Electron or DOM dependency: the same code runs in the renderer, workers, the CLI and tests.
 */
import './kernels/js'

// Tensors and shapes: Float32Array data, row-major, batch first, images (N, C, Y, X).
export { Tensor, tensor, zeros } from './tensor/tensor'
export { type Shape, sameShape, shapeSize, shapeToString } from './tensor/shape'

// Errors: every message names the operation, what was expected, what was received, and the fix.
export { EngineError, KernelError, NpyFormatError, ShapeError, SpecError } from './errors'

// Seeded randomness and initialisers.
export { Rng, type RngState } from './init/rng'
export { type InitOptions, type InitScheme, initBias, initSchemes, initWeights } from './init/initializers'

// Kernels: registered by name per backend; `kernels` always calls the active one.
export {
  getKernel,
  kernelBackends,
  kernels,
  registerKernel,
  registeredBackends,
  useBackend,
} from './kernels/registry'
export type { Conv2dGeometry, KernelName, KernelSignatures, PoolMode } from './kernels/kernel-types'

// Layers (one per file) and the Layer contract.
export * from './layers'

// Model specs, shape inference, models.
export * from './models'

// Losses, optimizers, training steps and samplers.
export {
  type Loss,
  type LossName,
  binaryCrossEntropyLoss,
  checkLossArgs,
  getLoss,
  lossNames,
  mseLoss,
  softmaxCrossEntropyLoss,
  sseLoss,
} from './losses'
export {
  Adam,
  type AdamOptions,
  type Optimizer,
  type OptimizerName,
  type OptimizerOptions,
  type OptimizerState,
  Sgd,
  type SgdOptions,
  createOptimizer,
  optimizerNames,
  zeroGrads,
} from './optim'
export {
  BatchBuffer,
  RandomWithReplacementSampler,
  type RandomWithReplacementSamplerOptions,
  type Sampler,
  type SamplerState,
  ShuffleSampler,
  type ShuffleSamplerOptions,
  type TrainableModel,
  evaluateLoss,
  gatherBatch,
  trainStep,
} from './train'

// NumPy .npy / .npz and state dicts as .npz.
export * from './io'
export {
  loadWasmBackend,
  relaxedSimdSupported,
  simdSupported,
  WASM_BACKEND,
  WASM_MODULES,
  type WasmBackend,
} from './kernels/wasm'
