/**
 * Why a run or job stopped, as the supervisor writes it into state.json and run info: one English
 * sentence (the CLI prints it, and older workspaces hold it), built only by the functions here so that
 * `parseRunReason` can turn any of them back into a kind the app shows in the user's language. Text
 * that comes from elsewhere (an error's own message, the end of a crashed process's stderr) stays in
 * `detail`, untranslated.
 */

export const CANCELLED = 'cancelled by the user'
export const KILLED = 'stopped at once (kill), without a checkpoint of the last position'
export const CLOSED = 'DL Lab closed during training; resume continues from the last checkpoint'
export const INTERRUPTED = {
  resumable:
    'interrupted: DL Lab closed while this run was training; resume continues from its last checkpoint',
  fromStart: 'interrupted: DL Lab closed before this run wrote its first checkpoint; resume starts it again',
} as const

/** The jobs of a per-channel run that a reason can name. */
type ChannelJob = 'R' | 'G' | 'B' | 'combine'
const CHANNEL_JOBS: readonly string[] = ['R', 'G', 'B', 'combine']

export type RunReason =
  | { kind: 'cancelled' | 'killed' | 'closed' | 'interrupted-resumable' | 'interrupted-from-start' }
  /** Recovery found the run interrupted but could not read what it had done. */
  | { kind: 'interrupted-unreadable'; detail: string }
  /** The other job of a per-channel run that failed. */
  | { kind: 'stopped-with-job'; job: string }
  | { kind: 'not-started'; detail: string }
  | { kind: 'killed-by-signal'; signal: string; detail: string }
  | { kind: 'exited'; code: number; detail: string }
  | { kind: 'protocol'; detail: string }
  | { kind: 'not-requeued'; detail: string }
  /** An error thrown in the training process: its class name and its own message. */
  | { kind: 'error'; name: string; detail: string }
  /** The reason of one job of a per-channel run. */
  | { kind: 'in-job'; job: ChannelJob; reason: RunReason }
  /** Anything else (a damaged run folder's message, a reason from a future version). */
  | { kind: 'other'; detail: string }

export const interruptedUnreadable = (message: string) => `interrupted, and ${message}`
export const stoppedWithJob = (job: string) => `stopped because job ${job} failed`
export const notRequeued = (message: string) => `could not be queued again: ${message}`
export const protocolFailure = (message: string) => `ProtocolError: ${message}; the worker was stopped`
export const workerError = (name: string, message: string) => `${name}: ${message}`

/** A process that ended on its own: killed by a signal, exited with a code, or never started. */
export function processEnd(end: { signal?: string | null; code?: number | null }, detail = ''): string {
  const tail = detail ? `: ${detail}` : ''
  if (end.signal) return `the training process was killed by ${end.signal}${tail}`
  if (end.code !== null && end.code !== undefined) {
    return `the training process exited unexpectedly with code ${end.code}${tail}`
  }
  return `the training process could not be started${tail}`
}

/** A job's reason as its run's: "channel R: …", "combining the channels: …". */
export function inJob(job: ChannelJob, reason: string): string {
  return `${job === 'combine' ? 'combining the channels' : `channel ${job}`}: ${reason}`
}

const constants: [string, RunReason][] = [
  [CANCELLED, { kind: 'cancelled' }],
  [KILLED, { kind: 'killed' }],
  [CLOSED, { kind: 'closed' }],
  [INTERRUPTED.resumable, { kind: 'interrupted-resumable' }],
  [INTERRUPTED.fromStart, { kind: 'interrupted-from-start' }],
]

/** The reason's kind and its untranslated parts; `{ kind: 'other' }` for text not built here. */
export function parseRunReason(reason: string): RunReason {
  const constant = constants.find(([text]) => text === reason)
  if (constant) return constant[1]
  let m: RegExpExecArray | null
  if ((m = /^(?:channel (R|G|B)|combining the channels): ([\s\S]*)$/.exec(reason))) {
    const job = (m[1] ?? 'combine') as ChannelJob
    return { kind: 'in-job', job, reason: parseRunReason(m[2]!) }
  }
  if ((m = /^interrupted, and ([\s\S]*)$/.exec(reason)))
    return { kind: 'interrupted-unreadable', detail: m[1]! }
  if ((m = /^stopped because job (\S+) failed$/.exec(reason)) && CHANNEL_JOBS.includes(m[1]!)) {
    return { kind: 'stopped-with-job', job: m[1]! }
  }
  if ((m = /^could not be queued again: ([\s\S]*)$/.exec(reason)))
    return { kind: 'not-requeued', detail: m[1]! }
  if ((m = /^ProtocolError: ([\s\S]*); the worker was stopped$/.exec(reason))) {
    return { kind: 'protocol', detail: m[1]! }
  }
  if ((m = /^the training process was killed by (\w+)(?:: ([\s\S]*))?$/.exec(reason))) {
    return { kind: 'killed-by-signal', signal: m[1]!, detail: m[2] ?? '' }
  }
  if ((m = /^the training process exited unexpectedly with code (-?\d+)(?:: ([\s\S]*))?$/.exec(reason))) {
    return { kind: 'exited', code: Number(m[1]), detail: m[2] ?? '' }
  }
  if ((m = /^the training process could not be started(?:: ([\s\S]*))?$/.exec(reason))) {
    return { kind: 'not-started', detail: m[1] ?? '' }
  }
  // An error class name (no spaces, ends in "Error") and its message.
  if ((m = /^([A-Z][A-Za-z]*Error): ([\s\S]*)$/.exec(reason)))
    return { kind: 'error', name: m[1]!, detail: m[2]! }
  return { kind: 'other', detail: reason }
}
