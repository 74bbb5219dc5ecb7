import {
  assertNever,
  type ParentMessage,
  parseParentMessage,
  ProtocolError,
  type StartMessage,
  toTrainingWireError,
  type WorkerMessage,
} from '../shared/training/protocol'
import type { ParentChannel } from './parent-channel'
import { RateGate } from './rate-gate'
import { type DoneMessage, type JobContext, runJob } from './run-job'
import { TrainingControl } from './training'

/**
 * The worker's side of the protocol (src/shared/training/protocol.ts), over whichever ParentChannel
 * the host gave: says 'ready', runs the one job 'start' asks for, obeys pause / resume / cancel /
 * kill, and ends with 'done' or 'failed'. Then it waits for the parent's 'kill' (so its last
 * messages are delivered on every host) and exits; after `lingerMs` without one it exits anyway.
 * If a Node parent goes away, the job is cancelled (a checkpoint is written) and the worker exits.
 */
export interface WorkerSessionOptions {
  parent: ParentChannel
  /** Runs the job (tests replace it). */
  runJob?: (start: StartMessage, context: JobContext) => Promise<DoneMessage>
  exit?: (code: number) => void
  /** How long to wait for 'kill' after 'done' or 'failed'. */
  lingerMs?: number
  pid?: number
}

type Phase = 'idle' | 'running' | 'ended'

export class WorkerSession {
  private readonly control = new TrainingControl()
  private readonly abort = new AbortController()
  private readonly progressGate = new RateGate()
  private readonly loadingGate = new RateGate()
  /** Previews are for live viewers: one a second at most (a tiny model ends hundreds of epochs a second). */
  private readonly previewGate = new RateGate(1000)
  private phase: Phase = 'idle'
  private orphaned = false
  private terminating = false
  private lastStep = 0
  private exiting = false

  constructor(private readonly options: WorkerSessionOptions) {}

  /** Listens to the parent and says 'ready'. */
  open(): void {
    const { parent } = this.options
    this.control.onPaused((step) => this.send({ type: 'paused', step }))
    parent.onMessage((raw) => this.receive(raw))
    parent.onDisconnect(() => this.parentGone())
    this.send({ type: 'ready', pid: this.options.pid ?? process.pid })
  }

  /** An error nothing caught (the entry's uncaughtException hook): report it, then exit. */
  crash(error: unknown): void {
    if (this.phase === 'ended') return this.exit(1)
    this.phase = 'ended'
    void this.deliver({ type: 'failed', error: toTrainingWireError(error) }).finally(() => this.exit(1))
  }

  private receive(raw: unknown): void {
    let message: ParentMessage
    try {
      message = parseParentMessage(raw)
    } catch (error) {
      return this.fail(error)
    }
    if (this.phase === 'ended' && message.type !== 'kill') return
    switch (message.type) {
      case 'start':
        return this.begin(message)
      case 'pause':
        this.control.pause()
        // While training, the loop acknowledges with the exact step it stopped at (control.onPaused).
        if (this.phase !== 'running') return this.send({ type: 'paused', step: this.lastStep })
        return
      case 'resume':
        this.control.resume()
        return this.send({ type: 'resumed' })
      case 'cancel':
        if (this.phase === 'idle') return this.end({ type: 'done', status: 'cancelled', epoch: 0, step: 0 })
        this.control.cancel()
        this.abort.abort(new Error('cancelled'))
        return
      case 'kill':
        return this.exit(0)
      default:
        return assertNever(message, 'parent message')
    }
  }

  private begin(start: StartMessage): void {
    if (this.phase !== 'idle') {
      return this.fail(
        new ProtocolError(`the parent sent a second 'start' (run ${start.runId}); a worker runs one job`),
      )
    }
    this.phase = 'running'
    const context: JobContext = {
      control: this.control,
      signal: this.abort.signal,
      emit: (message) => this.emit(message),
    }
    const job = this.options.runJob ?? runJob
    job(start, context).then(
      (done) => this.end(done),
      (error: unknown) => this.fail(error),
    )
  }

  /** Job messages: progress and loading counts at most ~10 a second each, previews one a second. */
  private emit(message: WorkerMessage): void {
    if (this.phase !== 'running') return
    if (message.type === 'progress') {
      this.lastStep = message.progress.step
      if (!this.progressGate.pass()) return
    }
    if (message.type === 'loading' && !this.loadingGate.pass()) return
    if (message.type === 'preview' && !this.previewGate.pass()) return
    this.send(message)
  }

  private end(done: DoneMessage): void {
    this.phase = 'ended'
    void this.deliver(done).finally(() => this.linger(0))
  }

  private fail(error: unknown): void {
    this.phase = 'ended'
    void this.deliver({ type: 'failed', error: toTrainingWireError(error) }).finally(() => this.linger(1))
  }

  /**
   * SIGTERM (the system is shutting down): write a checkpoint, report 'done' (cancelled) and exit
   * without waiting for the parent.
   */
  terminate(): void {
    this.terminating = true
    if (this.phase !== 'running') return this.exit(0)
    this.control.cancel('terminated')
    this.abort.abort(new Error('terminated'))
  }

  private linger(code: number): void {
    if (this.orphaned || this.terminating) return this.exit(code)
    setTimeout(() => this.exit(code), this.options.lingerMs ?? 10_000)
  }

  private parentGone(): void {
    this.orphaned = true
    if (this.phase !== 'running') return this.exit(0)
    this.control.cancel('the parent process went away')
    this.abort.abort(new Error('the parent process went away'))
  }

  private send(message: WorkerMessage): void {
    void this.deliver(message)
  }

  private async deliver(message: WorkerMessage): Promise<void> {
    if (this.orphaned) return
    try {
      await this.options.parent.send(message)
    } catch {
      // the parent is gone: 'disconnect' follows and decides
    }
  }

  private exit(code: number): void {
    if (this.exiting) return
    this.exiting = true
    ;(this.options.exit ?? ((c: number) => process.exit(c)))(code)
  }
}
