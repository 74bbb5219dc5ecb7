/** Decoding many images on all cores: a worker_threads pool and the chunked helpers over it. */
export { DecodePool, DecodePoolError, type DecodePoolOptions, type RunOptions } from './decode-pool'
export { chunkSize, decodeFiles, preprocessImages, type PlanarImages, type Sample } from './decode-many'
export { type DecodeTask, type ItemResult, type TaskResult } from './decode-task'
export { DECODE_WORKER_FILE, decodeWorkerScript, type WorkerScript } from './worker-script'
