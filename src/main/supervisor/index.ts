/**
 * Training supervision (Electron-free): the Supervisor, the spawner seam and its Node
 * implementation. Electron's utilityProcess spawner is in src/main/electron/utility-spawner.ts.
 */
export { Supervisor, type SupervisorOptions, type TrainingListener } from './supervisor'
export type { WorkerSpawner, WorkerHandle, WorkerExit } from './spawner'
export {
  nodeWorkerSpawner,
  trainingWorkerScript,
  TRAINING_WORKER_FILE,
  type NodeSpawnerOptions,
  type WorkerScript,
} from './node-spawner'
export { SupervisorError, UnknownRunError, RunStateError } from './errors'
export { INTERRUPTED } from './recovery'
export { exitReason } from './worker-link'
export { dataPaths, checkDataPathsAbsolute, sourcePaths } from './plan'
