import { realpath, stat } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { FolderAccessError, FolderError, describeFsError } from './errors'

/** Whether `path` is `root` or inside it (both absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  if (path === root) return true
  const prefix = root.endsWith(sep) ? root : root + sep
  return path.startsWith(prefix)
}

/** The canonical path: absolute, `..` resolved, symbolic links followed. */
async function canonical(path: string): Promise<string> {
  return realpath(resolve(path))
}

/**
 * The folders the renderer may read from: the roots the user granted by choosing them (the native
 * dialog in Electron; the in-app folder browser in web mode) and the workspace. Every path is made
 * canonical with realpath before the check, so neither `..` nor a symbolic link leads outside.
 */
export class FolderAccess {
  private readonly roots = new Set<string>()

  constructor(private readonly workspace: () => Promise<string>) {}

  /** Records a folder the user chose; returns its canonical path. */
  async grant(path: string): Promise<string> {
    let real: string
    try {
      real = await canonical(path)
    } catch (error) {
      throw new FolderError(`Cannot use the folder ${resolve(path)}: ${describeFsError(error)}`, {
        cause: error,
      })
    }
    if (!(await stat(real)).isDirectory()) {
      throw new FolderError(`Cannot use ${resolve(path)}: it is not a folder`)
    }
    this.roots.add(real)
    return real
  }

  /** The granted roots, canonical. */
  granted(): string[] {
    return [...this.roots]
  }

  /**
   * The canonical path of `path` when it lies under a granted root or the workspace; otherwise a
   * FolderAccessError. A missing path is reported as missing (FolderError).
   */
  async resolve(path: string): Promise<string> {
    let real: string
    try {
      real = await canonical(path)
    } catch (error) {
      throw new FolderError(`Cannot open ${resolve(path)}: ${describeFsError(error)}`, { cause: error })
    }
    const roots = [...this.roots, await this.workspaceRoot()]
    if (roots.some((root) => isInside(root, real))) return real
    throw new FolderAccessError(
      `${resolve(path)} is outside the folders you chose and the workspace; choose the folder first`,
    )
  }

  private async workspaceRoot(): Promise<string> {
    const workspace = resolve(await this.workspace())
    try {
      return await realpath(workspace)
    } catch {
      return workspace
    }
  }
}
