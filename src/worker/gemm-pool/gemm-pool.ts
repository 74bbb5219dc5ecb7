import { Worker } from 'node:worker_threads'
import { ThreadTeam, controlBytes } from '../../engine/kernels/parallel/team'
import type { WasmMemory, WasmModule } from '../../engine/kernels/wasm/wasm-api'
import { THREAD_SOURCE } from './thread-source'

/**
 * The helper threads of the worker-thread GEMM: `threads − 1` worker_threads, each running
 * THREAD_SOURCE over the same shared kernel memory, and the ThreadTeam (the control block) through
 * which the calling thread hands them panels synchronously.
 *
 * The threads are unref'd: a process whose work is done exits even if nobody calls close() (the
 * threads sleep in Atomics.wait and Node ends them at exit). close() stops them explicitly; after it
 * the team refuses work and the threaded gemm runs on the calling thread alone.
 */
export class GemmPoolError extends Error {
  override name = 'GemmPoolError'
}

export interface GemmPool {
  readonly team: ThreadTeam
  readonly threads: number
  close(): Promise<void>
}

export interface GemmPoolOptions {
  /** Threads taking part, the caller included (≥ 2 to start any helper). */
  threads: number
  module: WasmModule
  /** A shared WebAssembly.Memory (its buffer is a SharedArrayBuffer). */
  memory: WasmMemory
}

export async function startGemmPool({ threads, module, memory }: GemmPoolOptions): Promise<GemmPool> {
  if (!Number.isInteger(threads) || threads < 2) {
    throw new GemmPoolError(`gemm pool: needs at least 2 threads (the caller and a helper), got ${threads}`)
  }
  if (!(memory.buffer instanceof SharedArrayBuffer)) {
    throw new GemmPoolError('gemm pool: the kernel memory is not shared; load a *-shared.wasm build')
  }
  const control = new SharedArrayBuffer(controlBytes(threads))
  const started = await Promise.allSettled(
    Array.from({ length: threads - 1 }, (_, i) => startHelper({ module, memory, control, helper: i + 1 })),
  )
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failure = started.find((s) => s.status === 'rejected')
  if (failure) {
    await Promise.all(workers.map((w) => w.terminate()))
    const reason = (failure as PromiseRejectedResult).reason as unknown
    throw new GemmPoolError(`gemm pool: a helper thread did not start: ${describe(reason)}`, {
      cause: reason,
    })
  }
  const team = new ThreadTeam(new Int32Array(control), threads)
  // A helper that dies (it catches its kernel's errors, so only an out-of-memory or a terminate) stops
  // the team: later products run on the calling thread alone instead of waiting for it forever.
  for (const worker of workers) {
    worker.on('error', () => team.stop())
    worker.on('exit', () => team.stop())
  }
  let closing: Promise<void> | undefined
  return {
    team,
    threads,
    close() {
      closing ??= (async () => {
        team.stop()
        await Promise.all(workers.map((w) => w.terminate()))
      })()
      return closing
    },
  }
}

interface HelperData {
  module: WasmModule
  memory: WasmMemory
  control: SharedArrayBuffer
  helper: number
}

function startHelper(data: HelperData): Promise<Worker> {
  return new Promise((resolve, reject) => {
    // execArgv []: the thread is plain JS (no loader flags needed); V8 flags such as relaxed SIMD are
    // process-wide, and the module arrives compiled.
    const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: data, execArgv: [] })
    const fail = (error: unknown) => {
      void worker.terminate()
      reject(error instanceof Error ? error : new Error(String(error)))
    }
    worker.once('error', fail)
    worker.once('exit', (code) => fail(new Error(`exited with code ${code} before it was ready`)))
    worker.once('message', (message: unknown) => {
      worker.removeAllListeners('error')
      worker.removeAllListeners('exit')
      worker.unref()
      if (message === 'ready') resolve(worker)
      else fail(new Error(`sent ${JSON.stringify(message)} before it was ready`))
    })
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
