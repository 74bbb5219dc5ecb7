/**
 * Lists a dataset of class folders, `root/<class>/<image files>`, for loading: class names and each
 * class's image files in natural order ("2" before "10"), with each file's size and modification time
 * (the cache fingerprint). The same rules as the dataset scan (scan-folder.ts): hidden entries are
 * skipped, a link to a folder counts as a class, only one level of class folders is read (folders
 * inside a class are never entered, so link loops cannot recurse), files are recognised by their
 * image extension. Nothing is written.
 */
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { mapLimit } from '../concurrency'
import { describeFsError, fsErrorParams } from '../errors'
import { isFolderEntry, isHidden } from '../folders'
import { compareNatural } from '../natural-sort'
import { DatasetError } from './dataset-error'
import { hasImageExtension } from './image-check'
import { emptyClass, type ProblemText } from './scan-problems'

export interface FileEntry {
  readonly name: string
  /** Bytes; -1 when the file could not be examined (it is then reported when it is read). */
  readonly size: number
  readonly mtimeMs: number
}

export interface ClassFolder {
  readonly name: string
  readonly files: readonly FileEntry[]
  /** Why the class has no files, when it has none. */
  readonly empty?: ProblemText
}

export interface ClassFolderListing {
  /** Absolute path of the dataset folder. */
  readonly root: string
  readonly classes: readonly ClassFolder[]
}

/** How many stat calls run at once. */
const STAT_CONCURRENCY = 32

/** `what` names the folder in messages, e.g. "training folder". */
export async function listClassFolders(path: string, what: string): Promise<ClassFolderListing> {
  const root = resolve(path)
  let entries
  try {
    entries = await readdir(root, { withFileTypes: true })
  } catch (error) {
    throw new DatasetError(`Cannot read the ${what} ${root}: ${describeFsError(error)}`, {
      cause: error,
      code: 'folder-unreadable',
      params: { path: root, ...fsErrorParams(error) },
    })
  }
  const names: string[] = []
  for (const entry of entries) {
    if (!isHidden(entry.name) && (await isFolderEntry(root, entry))) names.push(entry.name)
  }
  if (names.length === 0) {
    const example = join(root, 'cat', '1.png')
    throw new DatasetError(
      `The ${what} ${root} has no class folders: put each class's images in a sub-folder, e.g. ${example}`,
      { code: 'no-class-folders', params: { path: root, example } },
    )
  }
  names.sort(compareNatural)
  const classes = await Promise.all(names.map((name) => listClass(root, name)))
  return { root, classes }
}

async function listClass(root: string, name: string): Promise<ClassFolder> {
  const folder = join(root, name)
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    return { name, files: [], empty: emptyClass({ name, hasSubfolders: false, unreadable: error }) }
  }
  const images: string[] = []
  let hasSubfolders = false
  for (const entry of entries) {
    if (isHidden(entry.name)) continue
    if (await isFolderEntry(folder, entry)) hasSubfolders = true
    else if (hasImageExtension(entry.name)) images.push(entry.name)
  }
  images.sort(compareNatural)
  const files = await mapLimit(images, STAT_CONCURRENCY, async (file): Promise<FileEntry> => {
    try {
      const info = await stat(join(folder, file))
      return { name: file, size: info.size, mtimeMs: info.mtimeMs }
    } catch {
      return { name: file, size: -1, mtimeMs: 0 }
    }
  })
  if (files.length > 0) return { name, files }
  return { name, files, empty: emptyClass({ name, hasSubfolders }) }
}
