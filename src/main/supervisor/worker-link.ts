import {
  type ParentMessageInput,
  parseWorkerMessage,
  ProtocolError,
  type StartMessageInput,
  type TrainingWireError,
  type WorkerMessage,
} from '../../shared/training/protocol'
import { processEnd, protocolFailure, workerError } from '../../shared/training/run-reasons'
import type { WorkerExit, WorkerHandle } from './spawner'

/**
 * The supervisor's side of one training worker: sends 'start' when the worker is ready, validates
 * every message it sends (a malformed one stops the worker: it is never trusted), forwards the valid
 * ones, and reports how the job ended once the process is gone:
 *
 *   done     the worker said 'done' (finished, or cancelled with its checkpoint)
 *   failed   the worker said 'failed', broke the protocol, or died (exception, out of memory, signal)
 *   killed   the supervisor ended it at once (kill)
 *
 * After 'done' or 'failed' the link tells the worker to exit ('kill'); a worker that does not within
 * `exitGraceMs` is ended by the host.
 */
export type DoneMessage = Extract<WorkerMessage, { type: 'done' }>

export type JobOutcome =
  | { kind: 'done'; done: DoneMessage }
  | { kind: 'failed'; reason: string; error?: TrainingWireError }
  | { kind: 'killed' }

export interface WorkerLinkListener {
  message(message: WorkerMessage): void
  /** Once, after the process has ended. */
  end(outcome: JobOutcome, exit: WorkerExit): void
}

export type StartRequest = Omit<StartMessageInput, 'type'>

const EXIT_GRACE_MS = 5000

/** Why a worker that said nothing about it ended: its signal or exit code, and its last error line. */
export function exitReason(exit: WorkerExit, stderr = ''): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const fatal = lines.find((l) => /FATAL ERROR|out of memory|heap limit/i.test(l)) ?? lines.at(-1)
  return processEnd(exit, fatal?.slice(0, 300) ?? '')
}

export class WorkerLink {
  private terminal: JobOutcome | undefined
  private killRequested = false
  private ready = false
  private graceTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly handle: WorkerHandle,
    private readonly start: StartRequest,
    private readonly listener: WorkerLinkListener,
    private readonly exitGraceMs = EXIT_GRACE_MS,
  ) {
    handle.onMessage((raw) => this.receive(raw))
    handle.onExit((exit) => this.exited(exit))
  }

  get pid(): number | undefined {
    return this.handle.pid
  }

  /** The worker has reported how its job ended (its process may still be exiting). */
  get ended(): boolean {
    return this.terminal !== undefined || this.killRequested
  }

  pause(): void {
    this.command({ type: 'pause' })
  }

  resume(): void {
    this.command({ type: 'resume' })
  }

  /** Checkpoint, then 'done' with status 'cancelled'. */
  cancel(): void {
    this.command({ type: 'cancel' })
  }

  /** Ends the worker at once, without a checkpoint. */
  kill(): void {
    if (this.ended) return
    this.killRequested = true
    this.handle.send({ type: 'kill' })
    this.handle.kill()
  }

  private command(message: ParentMessageInput): void {
    if (!this.ended) this.handle.send(message)
  }

  private receive(raw: unknown): void {
    if (this.ended) return
    let message: WorkerMessage
    try {
      message = parseWorkerMessage(raw)
    } catch (error) {
      const text = error instanceof ProtocolError ? error.message : String(error)
      return this.finish({ kind: 'failed', reason: protocolFailure(text) }, true)
    }
    switch (message.type) {
      case 'ready':
        if (this.ready) return
        this.ready = true
        this.handle.send({ type: 'start', ...this.start })
        return
      case 'done':
        return this.finish({ kind: 'done', done: message }, false)
      case 'failed':
        return this.finish(
          {
            kind: 'failed',
            reason: workerError(message.error.name, message.error.message),
            error: message.error,
          },
          false,
        )
      default:
        this.listener.message(message)
    }
  }

  /** Records how the job ended and makes the worker exit (at once when it cannot be trusted). */
  private finish(outcome: JobOutcome, now: boolean): void {
    this.terminal = outcome
    if (now) {
      this.handle.kill()
      return
    }
    this.handle.send({ type: 'kill' })
    this.graceTimer = setTimeout(() => this.handle.kill(), this.exitGraceMs)
    this.graceTimer.unref?.()
  }

  private exited(exit: WorkerExit): void {
    if (this.graceTimer) clearTimeout(this.graceTimer)
    const outcome: JobOutcome =
      this.terminal ??
      (this.killRequested
        ? { kind: 'killed' }
        : { kind: 'failed', reason: exitReason(exit, this.handle.stderrTail?.() ?? '') })
    this.listener.end(outcome, exit)
  }
}
