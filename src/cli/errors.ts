/**
 * How the CLI ends: exit 0 on success, 1 when the request could not be carried out (one sentence
 * says why), 2 for a usage mistake (an unknown option, a missing argument), 130 after Ctrl-C stopped
 * a training cleanly. Stack traces only with DLLAB_DEBUG=1.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const

/** The request cannot be carried out; the message is shown as it is. */
export class CliError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The command line itself is wrong; the message is followed by a pointer to --help. */
export class UsageError extends CliError {
  /** The command whose --help to point at ("train"); undefined: the global help. */
  readonly command: string | undefined
  constructor(message: string, command?: string) {
    super(message)
    this.command = command
  }
}

const BUILT_IN: readonly ErrorConstructor[] = [
  Error,
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
  EvalError,
  URIError,
]

interface SystemError extends Error {
  code: string
  syscall?: string
  path?: string
}

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as SystemError).code === 'string' && 'syscall' in error
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'it is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  ELOOP: 'too many symbolic links (a link loop)',
}

/**
 * The one line shown for an error. Error classes of the app (SpecError, DatasetError, …) carry
 * messages written for the user and are shown as they are; a file-system error is put in words; a
 * built-in error (TypeError, …) is a bug, said so.
 */
export function describeError(error: unknown): { message: string; internal: boolean } {
  if (isSystemError(error)) {
    const reason = SYSTEM_REASONS[error.code] ?? error.message
    return { message: error.path ? `cannot use ${error.path}: ${reason}` : reason, internal: false }
  }
  if (error instanceof Error) {
    const builtIn = BUILT_IN.some((c) => error.constructor === c)
    return { message: error.message, internal: builtIn && !(error instanceof CliError) }
  }
  return { message: String(error), internal: true }
}

export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError ? EXIT.usage : EXIT.failed
}
