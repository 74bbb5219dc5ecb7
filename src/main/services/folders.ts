import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { DirectoryEntry, DirectoryListing } from '../../shared/ipc/contract'
import { FolderError, describeFsError, fsErrorParams } from './errors'
import { sortNatural } from './natural-sort'

/** Hidden by convention on every platform we run on (.git, .DS_Store, …). */
export function isHidden(name: string): boolean {
  return name.startsWith('.')
}

/**
 * Whether a directory entry is a folder, following a symbolic link one step (a link to a folder
 * counts; a broken link does not).
 */
export async function isFolderEntry(folder: string, entry: Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true
  if (!entry.isSymbolicLink()) return false
  try {
    return (await stat(join(folder, entry.name))).isDirectory()
  } catch {
    return false
  }
}

/** Reads a folder's entries, turning file-system failures into a FolderError that says why. */
export async function readFolder(path: string, purpose = 'read'): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true })
  } catch (error) {
    throw new FolderError(`Cannot ${purpose} the folder ${path}: ${describeFsError(error)}`, {
      cause: error,
      code: 'folder-unreadable',
      params: { path, ...fsErrorParams(error) },
    })
  }
}

/** The visible sub-folders of `path`, in natural order, for the folder browser. */
export async function listFolders(path: string): Promise<DirectoryListing> {
  const folder = resolve(path)
  const entries = await readFolder(folder, 'list')
  const folders: DirectoryEntry[] = []
  for (const entry of entries) {
    if (isHidden(entry.name) || !(await isFolderEntry(folder, entry))) continue
    folders.push({ name: entry.name, path: join(folder, entry.name) })
  }
  const parent = dirname(folder)
  return {
    path: folder,
    parent: parent === folder ? null : parent,
    folders: sortNatural(folders, (f) => f.name),
  }
}
