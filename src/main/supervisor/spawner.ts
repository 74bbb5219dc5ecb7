import type { ParentMessageInput } from '../../shared/training/protocol'

/**
 * How the supervisor starts training workers, injected by the host: child_process.fork in web mode,
 * the CLI and tests (node-spawner.ts), utilityProcess.fork in Electron (src/main/electron/
 * utility-spawner.ts). The supervisor only sees this interface.
 */
export interface WorkerExit {
  /** The exit code, or null when a signal ended the process. */
  code: number | null
  /** The signal that ended it ("SIGKILL"), when the host knows. */
  signal: string | null
}

export interface WorkerHandle {
  readonly pid: number | undefined
  /** Sends a message; ignored once the worker is gone. */
  send(message: ParentMessageInput): void
  /** Every message the worker sends, unvalidated (the supervisor validates). */
  onMessage(listener: (raw: unknown) => void): void
  /** Called once when the process has ended (or could not start). */
  onExit(listener: (exit: WorkerExit) => void): void
  /** Ends the process at once, without a checkpoint. */
  kill(): void
  /** The end of what the worker wrote to stderr (for the reason of a crash), if captured. */
  stderrTail?(): string
}

export interface WorkerSpawner {
  /** Starts one worker; `label` names it (for the OS's process list where the host supports it). */
  spawn(label: string): WorkerHandle
}
