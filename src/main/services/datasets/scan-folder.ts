import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { ClassSummary, FolderScan, ScanProblem } from '../../../shared/ipc/contract'
import { mapLimit } from '../concurrency'
import { ScanError, describeFsError, fsErrorParams } from '../errors'
import { isFolderEntry, isHidden, readFolder } from '../folders'
import { compareNatural } from '../natural-sort'
import { checkImage, hasImageExtension, renderThumbnail } from './image-check'
import { emptyClass } from './scan-problems'

export interface ScanOptions {
  /** Thumbnails per class. */
  thumbnails?: number
  /** Images decoded at once; sharp decodes off the main thread, this bounds memory and queueing. */
  concurrency?: number
}

interface ClassFolder {
  name: string
  images: string[]
  hasSubfolders: boolean
  /** The error listing the folder failed with, when it failed. */
  unreadable?: unknown
}

/**
 * Scans `root` as a dataset of class folders, `root/<class>/<image files>` (the lecture's
 * `mnist/train/0/0_1.jpg`). Classes and files come in natural order ("2" before "10"). Every file with
 * an image extension is fully decoded; those that fail are listed as problems with a short reason and
 * not counted. Other files and hidden entries are skipped. Only one level of class folders is read
 * (folders inside a class are not entered), so symbolic-link loops cannot recurse. Nothing is written.
 */
export async function scanFolder(rootPath: string, options: ScanOptions = {}): Promise<FolderScan> {
  const root = resolve(rootPath)
  const thumbnailCount = options.thumbnails ?? 4
  let info
  try {
    info = await stat(root)
  } catch (error) {
    throw new ScanError(`Cannot scan ${root}: ${describeFsError(error)}`, {
      cause: error,
      code: 'folder-unreadable',
      params: { path: root, ...fsErrorParams(error) },
    })
  }
  if (!info.isDirectory()) {
    throw new ScanError(`Cannot scan ${root}: it is not a folder`, {
      code: 'folder-unreadable',
      params: { path: root, cause: 'not-a-folder' },
    })
  }

  const classFolders = await readClassFolders(root)
  if (classFolders.length === 0) {
    const example = join(root, 'cat', '1.png')
    throw new ScanError(
      `${root} has no class folders: put each class's images in a subfolder, e.g. ${example}`,
      { code: 'no-class-folders', params: { path: root, example } },
    )
  }

  const concurrency = options.concurrency ?? 8
  const pathOf = (c: ClassFolder, name: string) => join(root, c.name, name)
  const files = classFolders.flatMap((c) => c.images.map((name) => ({ folder: c, name })))
  const checks = await mapLimit(files, concurrency, ({ folder, name }) => checkImage(pathOf(folder, name)))

  const problems: ScanProblem[] = []
  const good = new Map<ClassFolder, string[]>(classFolders.map((c) => [c, []]))
  files.forEach(({ folder, name }, i) => {
    const check = checks[i]
    if (check?.ok) good.get(folder)?.push(name)
    else if (check) problems.push({ path: `${folder.name}/${name}`, ...check.problem })
  })

  // Thumbnails of the first good images of each class, in natural order (a second, small decode).
  const wanted = classFolders.flatMap((c) =>
    (good.get(c) ?? []).slice(0, thumbnailCount).map((name) => ({ c, name })),
  )
  const thumbnails = await mapLimit(wanted, concurrency, ({ c, name }) => renderThumbnail(pathOf(c, name)))
  const classes: ClassSummary[] = classFolders.map((c) => ({
    name: c.name,
    imageCount: good.get(c)?.length ?? 0,
    thumbnails: wanted.flatMap((w, i) => (w.c === c && thumbnails[i] ? [thumbnails[i]] : [])),
  }))

  for (const c of classFolders) {
    if (c.images.length > 0) continue
    problems.push({ path: c.name, ...emptyClass(c) })
  }
  problems.sort((a, b) => compareNatural(a.path, b.path))

  const totalImages = classes.reduce((sum, c) => sum + c.imageCount, 0)
  return { root, classes, totalImages, problems }
}

/** The visible sub-folders of root with their image-extension files, all in natural order. */
async function readClassFolders(root: string): Promise<ClassFolder[]> {
  const classes: ClassFolder[] = []
  for (const entry of await readFolder(root, 'scan')) {
    if (isHidden(entry.name) || !(await isFolderEntry(root, entry))) continue
    classes.push(await readClassFolder(root, entry.name))
  }
  return classes.sort((a, b) => compareNatural(a.name, b.name))
}

/** One class folder's image files; its sub-folders are noted, never entered. */
async function readClassFolder(root: string, name: string): Promise<ClassFolder> {
  const folder = join(root, name)
  let entries
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    return { name, images: [], hasSubfolders: false, unreadable: error }
  }
  const images: string[] = []
  let hasSubfolders = false
  for (const file of entries) {
    if (isHidden(file.name)) continue
    if (await isFolderEntry(folder, file)) hasSubfolders = true
    else if (hasImageExtension(file.name)) images.push(file.name)
  }
  return { name, images: images.sort(compareNatural), hasSubfolders }
}
