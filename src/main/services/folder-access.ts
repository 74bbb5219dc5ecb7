import { realpath, stat } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { FolderAccessError, FolderError, describeFsError, fsErrorParams } from './errors'
import type { GrantedFoldersStore } from './granted-folders'

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
 * With a `store`, the granted roots outlive the process (granted-folders.ts): those that still exist
 * are granted again on first use.
 */
export class FolderAccess {
  private readonly roots = new Set<string>()
  private restored: Promise<void> | undefined

  constructor(
    private readonly workspace: () => Promise<string>,
    private readonly store?: GrantedFoldersStore,
  ) {}

  /** The roots granted before this process, once; a folder gone since is left out. */
  private restore(): Promise<void> {
    this.restored ??= (async () => {
      for (const folder of (await this.store?.load()) ?? []) {
        try {
          const real = await canonical(folder)
          if ((await stat(real)).isDirectory()) this.roots.add(real)
        } catch {
          // moved or deleted: the user chooses it again
        }
      }
    })()
    return this.restored
  }

  /** Records a folder the user chose; returns its canonical path. */
  async grant(path: string): Promise<string> {
    await this.restore()
    let real: string
    try {
      real = await canonical(path)
    } catch (error) {
      throw new FolderError(`Cannot use the folder ${resolve(path)}: ${describeFsError(error)}`, {
        cause: error,
        code: 'folder-unreadable',
        params: { path: resolve(path), ...fsErrorParams(error) },
      })
    }
    if (!(await stat(real)).isDirectory()) {
      throw new FolderError(`Cannot use ${resolve(path)}: it is not a folder`, {
        code: 'folder-unreadable',
        params: { path: resolve(path), cause: 'not-a-folder' },
      })
    }
    // Re-added last: the store keeps the most recently chosen folders.
    this.roots.delete(real)
    this.roots.add(real)
    await this.store?.save([...this.roots])
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
    await this.restore()
    let real: string
    try {
      real = await canonical(path)
    } catch (error) {
      throw new FolderError(`Cannot open ${resolve(path)}: ${describeFsError(error)}`, {
        cause: error,
        code: 'folder-unreadable',
        params: { path: resolve(path), ...fsErrorParams(error) },
      })
    }
    const roots = [...this.roots, await this.workspaceRoot()]
    if (roots.some((root) => isInside(root, real))) return real
    throw new FolderAccessError(
      `${resolve(path)} is outside the folders you chose and the workspace; choose the folder first`,
      { code: 'outside-allowed-folders', params: { path: resolve(path) } },
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
