/**
 * The trainer core: runTraining (a plain async loop with callbacks, Electron-free and transport-
 * agnostic), job control, the checkpoint format, the task networks and the lecture's unit-sum layer.
 */
export { runTraining } from './run-training'
export { combineChannels, type CombineChannelsOptions } from './tasks/per-channel'
export { TrainingControl, yieldToEventLoop } from './control'
export {
  CHECKPOINT_FORMAT,
  OPTIMIZER_PREFIX,
  decodeCheckpoint,
  encodeCheckpoint,
  type CheckpointContents,
  type CheckpointMeta,
  type EpochSums,
} from './checkpoint'
export { buildNetwork, networkForExperiment, TaskNetwork, type NetworkOptions } from './network'
export { LayerStack } from './layer-stack'
export { UnitSumLayer, type UnitSumConfig, type UnitSumMode, type UnitSumBackward } from './layers/unit-sum'
export { PROGRESS_INTERVAL_MS } from './progress'
export {
  TrainingError,
  type CheckpointInfo,
  type RunOutput,
  type RunTrainingOptions,
  type TrainingCallbacks,
  type TrainingDataset,
  type TrainingPreview,
  type TrainingProgress,
  type TrainingResult,
} from './types'
