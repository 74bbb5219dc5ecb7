/**
 * Errors the services throw. Their name and message reach the user (the IPC layer sends both, never
 * the stack), so messages say what was asked, what went wrong and what to do about it.
 */
export class ServiceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
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

/** Why a file-system call failed, in words; falls back to the error's own message. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'it does not exist'
    case 'ENOTDIR':
      return 'it is not a folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ELOOP':
      return 'too many symbolic links (a link loop)'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
