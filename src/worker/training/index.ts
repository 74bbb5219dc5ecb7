/**
 * The trainer core: runTraining (a plain async loop with callbacks, Electron-free and transport-
 * agnostic), job control, the checkpoint format and the task networks. The lecture's unit-sum layer
 * is the engine's (UnitSumLayer, model-spec type "unit-sum").
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
export { classScores64, type ScoredSet } from './class-scores'
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
