/**
 * A pool of decode worker threads (worker_threads). `run(tasks)` hands the tasks out one at a time to
 * whichever worker is free, so fast and slow files balance out, and returns the results in task
 * order. Samples come back as transferred Float32Array buffers (no copy). Bad files are items with
 * a reason (decode-task.ts), never failures of the run.
 *
 * workers: 0 runs the same code in the calling thread (no threads; for tiny jobs and for tests that
 * compare both). Workers are unref'd while idle, so an open pool never keeps a process alive; close()
 * ends them. An aborted run ends the pool's workers and rejects with the signal's reason.
 */
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { PreprocessOptions } from '../../main/services/imaging/preprocess'
import { type DecodeTask, runDecodeTask, type TaskResult, taskSize } from './decode-task'
import type { TaskMessage, WorkerMessage } from './protocol'
import { decodeWorkerScript, type WorkerScript } from './worker-script'

export interface DecodePoolOptions {
  /** Worker threads; 0 decodes in the calling thread. Default: os.availableParallelism(). */
  readonly workers?: number
  /** The worker script; default decodeWorkerScript(). */
  readonly script?: WorkerScript
}

export interface RunOptions {
  /** Items (files or images) done and the total, at most every PROGRESS_INTERVAL_MS and at the end. */
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: AbortSignal
}

/** The pool could not start, was used after close(), or a worker failed (not a bad input file). */
export class DecodePoolError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

export const PROGRESS_INTERVAL_MS = 100

interface Pending {
  resolve: (result: TaskResult) => void
  reject: (error: unknown) => void
  onProgress: (done: number) => void
}

/** One worker thread, or the calling thread (worker undefined). */
class Slot {
  readonly pending = new Map<number, Pending>()
  constructor(readonly worker?: Worker) {}

  failAll(error: unknown): void {
    for (const p of this.pending.values()) p.reject(error)
    this.pending.clear()
  }
}

export class DecodePool {
  private nextId = 1
  private closed = false
  private active: Promise<unknown> = Promise.resolve()

  private constructor(private readonly slots: Slot[]) {}

  static async start(options: DecodePoolOptions = {}): Promise<DecodePool> {
    const workers = options.workers ?? availableParallelism()
    if (!Number.isInteger(workers) || workers < 0) {
      throw new DecodePoolError(`decode pool: workers must be a non-negative integer, got ${workers}`)
    }
    if (workers === 0) return new DecodePool([new Slot()])
    // sharp loaded here first, so a worker's exit never unloads the library from under the others
    await import('sharp')
    const script = options.script ?? decodeWorkerScript()
    const started = await Promise.allSettled(Array.from({ length: workers }, () => startWorker(script)))
    const slots = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    const failed = started.find((s) => s.status === 'rejected')
    if (failed) {
      await Promise.all(slots.map((s) => s.worker?.terminate()))
      throw new DecodePoolError(`decode pool: a worker could not start: ${describe(failed.reason)}`, {
        cause: failed.reason,
      })
    }
    const pool = new DecodePool(slots)
    for (const slot of slots) pool.listen(slot)
    return pool
  }

  /** Threads decoding (0: the calling thread). */
  get threads(): number {
    return this.slots[0]?.worker ? this.slots.length : 0
  }

  /** Runs the tasks (one run at a time; a second waits for the first) and returns results in order. */
  run(
    tasks: readonly DecodeTask[],
    preprocess: PreprocessOptions | undefined,
    options: RunOptions = {},
  ): Promise<TaskResult[]> {
    const next = this.active.then(() => this.runNow(tasks, preprocess, options))
    this.active = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.slots.map((s) => s.worker?.terminate()))
  }

  private async runNow(
    tasks: readonly DecodeTask[],
    preprocess: PreprocessOptions | undefined,
    { onProgress, signal }: RunOptions,
  ): Promise<TaskResult[]> {
    if (this.closed) throw new DecodePoolError('decode pool: used after close()')
    signal?.throwIfAborted()
    const total = tasks.reduce((sum, t) => sum + taskSize(t), 0)
    const doneByTask = new Array<number>(tasks.length).fill(0)
    let lastReport = 0
    const report = () => {
      const now = performance.now()
      if (!onProgress || now - lastReport < PROGRESS_INTERVAL_MS) return
      lastReport = now
      onProgress(
        doneByTask.reduce((a, b) => a + b, 0),
        total,
      )
    }
    const abort = () => {
      this.closed = true
      for (const slot of this.slots) {
        slot.failAll(signal?.reason)
        void slot.worker?.terminate()
      }
    }
    signal?.addEventListener('abort', abort, { once: true })
    for (const slot of this.slots) slot.worker?.ref()
    const results = new Array<TaskResult>(tasks.length)
    let next = 0
    try {
      await Promise.all(
        this.slots.map(async (slot) => {
          try {
            while (next < tasks.length) {
              const i = next++
              results[i] = await this.runOn(slot, tasks[i]!, preprocess, signal, (done) => {
                doneByTask[i] = done
                report()
              })
            }
          } catch (error) {
            next = tasks.length // the run has failed: the other workers take no further tasks
            throw error
          }
        }),
      )
    } finally {
      signal?.removeEventListener('abort', abort)
      for (const slot of this.slots) slot.worker?.unref()
    }
    onProgress?.(total, total)
    return results
  }

  private runOn(
    slot: Slot,
    task: DecodeTask,
    preprocess: PreprocessOptions | undefined,
    signal: AbortSignal | undefined,
    onProgress: (done: number) => void,
  ): Promise<TaskResult> {
    if (!slot.worker) {
      const read = async (path: string) => new Uint8Array(await readFile(path))
      return runDecodeTask(task, preprocess, read, (done) => {
        signal?.throwIfAborted()
        onProgress(done)
      })
    }
    const worker = slot.worker
    const id = this.nextId++
    return new Promise<TaskResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, onProgress })
      const message: TaskMessage = { type: 'task', id, task: ownPixels(task), preprocess }
      const transfer = message.task.kind === 'rasters' ? [message.task.pixels.buffer as ArrayBuffer] : []
      worker.postMessage(message, transfer)
    })
  }

  private listen(slot: Slot): void {
    const worker = slot.worker!
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') return
      const p = slot.pending.get(m.id)
      if (!p) return
      if (m.type === 'progress') return p.onProgress(m.done)
      slot.pending.delete(m.id)
      if (m.type === 'result') p.resolve(m.result)
      else p.reject(new DecodePoolError(`decode worker: a task failed: ${m.message}`))
    })
    worker.on('error', (error) => {
      this.closed = true
      slot.failAll(new DecodePoolError(`decode worker failed: ${describe(error)}`, { cause: error }))
    })
    worker.on('exit', (code) => {
      this.closed = true // a pool missing a thread would leave its tasks waiting forever
      slot.failAll(new DecodePoolError(`decode worker stopped (exit code ${code})`))
    })
  }
}

/** A rasters task gets its own compact pixel buffer, which is transferred (moved) to the worker. */
function ownPixels(task: DecodeTask): DecodeTask {
  if (task.kind !== 'rasters') return task
  return { ...task, pixels: task.pixels.slice() }
}

function startWorker(script: WorkerScript): Promise<Slot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.url, script.options)
    const fail = (error: unknown) => {
      void worker.terminate()
      reject(error instanceof Error ? error : new Error(String(error)))
    }
    worker.once('error', fail)
    worker.once('exit', (code) => fail(new Error(`exited with code ${code} before it was ready`)))
    worker.once('message', (m: WorkerMessage) => {
      worker.removeAllListeners('error')
      worker.removeAllListeners('exit')
      worker.unref()
      if (m.type === 'ready') resolve(new Slot(worker))
      else fail(new Error(`sent '${m.type}' before it was ready`))
    })
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
