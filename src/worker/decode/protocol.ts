/**
 * Messages between the decode pool (calling thread) and a decode worker thread.
 *
 *   pool → worker   task      a task to run; a rasters task's pixel buffer is transferred
 *   worker → pool   ready     the worker has loaded its decoders (sent once, first)
 *                   progress  items done so far in the current task (at most every PROGRESS_EVERY items)
 *                   result    the task's result; its sample buffer is transferred, not copied
 *                   failed    the task threw (a bug or exhausted memory, never a bad file)
 */
import type { PreprocessOptions } from '../../main/services/imaging/preprocess'
import type { DecodeTask, TaskResult } from './decode-task'

export const PROGRESS_EVERY = 32

export interface TaskMessage {
  readonly type: 'task'
  readonly id: number
  readonly task: DecodeTask
  readonly preprocess: PreprocessOptions | undefined
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly id: number; readonly done: number }
  | { readonly type: 'result'; readonly id: number; readonly result: TaskResult }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
