import { KernelError } from '../../errors'

/**
 * The calling thread's side of the worker-thread kernels: a control block in a SharedArrayBuffer
 * through which it hands one task of a kernel to each helper thread, runs its own task, and waits for
 * the others — Atomics.wait/notify, no message per call (a postMessage round trip costs more than a
 * LeNet-sized GEMM). The helper's side is the loop in src/worker/gemm-pool/thread-source.ts; both run
 * the same exports of the shared-memory kernel module (assembly/threaded.ts) over the same memory.
 *
 * Layout (Int32 words):
 *   [PENDING]  helper tasks not finished yet; the last helper to finish notifies it
 *   [FAILED]   0, or 1 + the slot of a helper whose task threw (the kernel traps only on a bad
 *              pointer, which the wrappers' size checks exclude)
 *   slot h (h = 1 … helpers) at HEADER + (h − 1)·SLOT:
 *     [SEQ]    bumped (and notified) for each new order; the helper sleeps on it
 *     [OP]     1 + index in TEAM_OPS of the export to call, or OP_STOP
 *     [COUNT]  number of integer arguments, then [ARGS…] the arguments (pointers are byte offsets
 *              below 4 GiB, stored as int32 bit patterns; wasm reads them back as i32/usize)
 *
 * Blocking with Atomics.wait is allowed in Node's main thread, worker threads and Electron's utility
 * process — where the pool runs — but not in a browser's main thread, which never gets a team.
 */
export const TEAM_OPS = ['gemmPanel', 'conv2dForward', 'conv2dBackwardChunks'] as const
export type TeamOp = (typeof TEAM_OPS)[number]

export const CONTROL = {
  PENDING: 0,
  FAILED: 1,
  HEADER: 4,
  SLOT: 32,
  SEQ: 0,
  OP: 1,
  COUNT: 2,
  ARGS: 3,
} as const
export const OP_STOP = -1
const MAX_ARGS = CONTROL.SLOT - CONTROL.ARGS

/** Bytes of the control block for a team of `threads` (the caller plus threads − 1 helpers). */
export function controlBytes(threads: number): number {
  return (CONTROL.HEADER + Math.max(0, threads - 1) * CONTROL.SLOT) * 4
}

type Callable = (...args: number[]) => unknown

export class ThreadTeam {
  /** Threads taking part, the caller included. */
  readonly threads: number
  /** Calls split so far (tests and benchmarks check that the threads really ran). */
  splitCount = 0
  private readonly control: Int32Array
  private stopped = false

  /** `control`: controlBytes(threads) of a SharedArrayBuffer, which the helpers see too. */
  constructor(control: Int32Array, threads: number) {
    if (control.length * 4 < controlBytes(threads)) {
      throw new KernelError(
        `thread team: a control block for ${threads} threads needs ${controlBytes(threads)} bytes`,
      )
    }
    this.control = control
    this.threads = threads
  }

  /** False once stop() ran: the helpers are gone and run() must not be called. */
  get running(): boolean {
    return !this.stopped
  }

  /**
   * Runs export `op` once per task: tasks[1…] on helpers 1…, tasks[0] here (through `exports`), and
   * returns when all are done. tasks.length ≤ threads.
   */
  run(op: TeamOp, tasks: readonly (readonly number[])[], exports: object): void {
    const ctl = this.control
    const helpers = tasks.length - 1
    if (this.stopped) throw new KernelError('thread team: stopped; its worker threads are gone')
    if (helpers >= this.threads)
      throw new KernelError(`thread team: ${tasks.length} tasks for ${this.threads} threads`)
    const own = (exports as Record<string, Callable>)[op]
    if (typeof own !== 'function') throw new KernelError(`thread team: the kernel module lacks ${op}`)
    this.splitCount++
    Atomics.store(ctl, CONTROL.FAILED, 0)
    Atomics.store(ctl, CONTROL.PENDING, helpers)
    for (let h = 1; h <= helpers; h++) {
      const slot = CONTROL.HEADER + (h - 1) * CONTROL.SLOT
      const args = tasks[h]!
      if (args.length > MAX_ARGS)
        throw new KernelError(`thread team: ${op} has more than ${MAX_ARGS} arguments`)
      for (let i = 0; i < args.length; i++) ctl[slot + CONTROL.ARGS + i] = args[i]! | 0
      ctl[slot + CONTROL.COUNT] = args.length
      ctl[slot + CONTROL.OP] = 1 + TEAM_OPS.indexOf(op)
      Atomics.add(ctl, slot + CONTROL.SEQ, 1) // sequentially consistent: the arguments are visible
      Atomics.notify(ctl, slot + CONTROL.SEQ, 1)
    }
    own(...tasks[0]!)
    for (
      let left = Atomics.load(ctl, CONTROL.PENDING);
      left !== 0;
      left = Atomics.load(ctl, CONTROL.PENDING)
    ) {
      Atomics.wait(ctl, CONTROL.PENDING, left)
    }
    const failed = Atomics.load(ctl, CONTROL.FAILED)
    if (failed !== 0)
      throw new KernelError(`${op}: worker thread ${failed - 1} failed on its part; the result is incomplete`)
  }

  /** Tells every helper to leave its loop (the pool then ends the threads). */
  stop(): void {
    this.stopped = true
    for (let h = 1; h < this.threads; h++) {
      const slot = CONTROL.HEADER + (h - 1) * CONTROL.SLOT
      Atomics.store(this.control, slot + CONTROL.OP, OP_STOP)
      Atomics.add(this.control, slot + CONTROL.SEQ, 1)
      Atomics.notify(this.control, slot + CONTROL.SEQ, 1)
    }
  }
}
