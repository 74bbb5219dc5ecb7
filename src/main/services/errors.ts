import type { ErrorCode, FsCause, MessageParams } from '../../shared/ipc/message-codes'

export interface ServiceErrorOptions extends ErrorOptions {
  /** What went wrong, for the renderer to say in the user's language (shared/ipc/message-codes.ts). */
  code?: ErrorCode | undefined
  params?: MessageParams | undefined
}

/**
 * Errors the services throw. Their name and message reach the user (the IPC layer sends both, never
 * the stack), so messages say what was asked, what went wrong and what to do about it. The message
 * is English (the CLI and the logs print it); the errors a user meets also carry a code and params,
 * from which the app says the same in the user's language.
 */
export class ServiceError extends Error {
  readonly code: ErrorCode | undefined
  readonly params: MessageParams | undefined

  constructor(message: string, options?: ServiceErrorOptions) {
    const { code, params, ...errorOptions } = options ?? {}
    super(message, errorOptions)
    this.name = new.target.name
    this.code = code
    this.params = params
  }
}

/** A folder that does not exist, is not a folder, or cannot be read. */
export class FolderError extends ServiceError {}

/** A path outside the folders the user chose and the workspace. */
export class FolderAccessError extends ServiceError {}

/** A folder that cannot be scanned as a dataset of class folders. */
export class ScanError extends ServiceError {}

/** Settings that cannot be applied (e.g. a workspace that is not a folder). */
export class SettingsError extends ServiceError {}

/** A request this host cannot serve (e.g. the native folder dialog in web mode). */
export class HostError extends ServiceError {}

/** Why a file-system call failed, as a cause the renderer translates (message-codes.ts). */
export function fsErrorCause(error: unknown): FsCause {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'missing'
    case 'ENOTDIR':
      return 'not-a-folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission'
    case 'ELOOP':
      return 'link-loop'
    default:
      return 'other'
  }
}

/** Why a file-system call failed, in words; falls back to the error's own message. */
export function describeFsError(error: unknown): string {
  switch (fsErrorCause(error)) {
    case 'missing':
      return 'it does not exist'
    case 'not-a-folder':
      return 'it is not a folder'
    case 'permission':
      return 'permission denied'
    case 'link-loop':
      return 'too many symbolic links (a link loop)'
    case 'other':
      return error instanceof Error ? error.message : String(error)
  }
}

/**
 * Params of a file-system failure: its cause, and for a cause without a name the system's own
 * words as `detail` (shown as English detail).
 */
export function fsErrorParams(error: unknown): { cause: FsCause; detail?: string } {
  const cause = fsErrorCause(error)
  return cause === 'other' ? { cause, detail: describeFsError(error) } : { cause }
}
