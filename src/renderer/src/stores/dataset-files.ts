import type { DataSource } from '../../../shared/experiment/schema'

/**
 * File names of the published datasets, and paths built from a chosen folder. The folder browser
 * and the system dialog choose folders only, so the Datasets view offers these names inside the
 * chosen folder for the user to confirm or edit.
 */

/** MNIST's IDX files as yann.lecun.com publishes them (also Fashion-MNIST's); `.gz` is read too. */
export const idxFileNames = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const

/** CIFAR-10's binary version (cifar-10-batches-bin/): five training batches and one test batch. */
export const cifarFileNames = {
  trainBatches: [
    'data_batch_1.bin',
    'data_batch_2.bin',
    'data_batch_3.bin',
    'data_batch_4.bin',
    'data_batch_5.bin',
  ],
  testBatch: 'test_batch.bin',
} as const

/** The separator a path already uses: '\' for a Windows path like C:\data, '/' otherwise. */
function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/'
}

/** `name` inside `folder` (both as the host writes paths). */
export function joinPath(folder: string, name: string): string {
  const sep = separatorOf(folder)
  return folder.endsWith(sep) ? folder + name : folder + sep + name
}

/** A path's folder and file name; a bare name has the folder ''. */
export function splitPath(path: string): { folder: string; name: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  if (cut < 0) return { folder: '', name: path }
  // The root keeps its separator: '/x' → folder '/'.
  return { folder: cut === 0 ? path.slice(0, 1) : path.slice(0, cut), name: path.slice(cut + 1) }
}

/** "a.bin, b.bin" → ['a.bin', 'b.bin']: names separated by commas or new lines, blanks dropped. */
export function parseNameList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
}

/** Whether a name typed in a file field is already a whole path (/x, C:\x, \\server\x). */
const isAbsolute = (name: string) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(name)

/** A file field's value inside the chosen folder; a whole path typed by the user is kept as it is. */
export const resolveName = (folder: string, name: string) =>
  isAbsolute(name) ? name : joinPath(folder, name)

/** The file names of the IDX form: test files empty means no test set. */
export type IdxNames = Record<keyof typeof idxFileNames, string>
/** The file names of the CIFAR form: training batches as one comma-separated text. */
export type CifarNames = {
  trainBatches: string
  testBatch: string
}

export const defaultIdxNames = (): IdxNames => ({ ...idxFileNames })
export const defaultCifarNames = (): CifarNames => ({
  trainBatches: cifarFileNames.trainBatches.join(', '),
  testBatch: cifarFileNames.testBatch,
})

/** The experiment's IDX source for the names in `folder`; blank test names leave the test set out. */
export function idxSourceFrom(folder: string, names: IdxNames): DataSource {
  const path = (name: string) => resolveName(folder, name.trim())
  const testImages = names.testImages.trim()
  const testLabels = names.testLabels.trim()
  return {
    kind: 'idx',
    trainImages: path(names.trainImages),
    trainLabels: path(names.trainLabels),
    ...(testImages === '' ? {} : { testImages: path(testImages) }),
    ...(testLabels === '' ? {} : { testLabels: path(testLabels) }),
  }
}

/** The experiment's CIFAR-10 binary source for the names in `folder`. */
export function cifarSourceFrom(folder: string, names: CifarNames): DataSource {
  const testBatch = names.testBatch.trim()
  return {
    kind: 'cifar-binary',
    trainBatches: parseNameList(names.trainBatches).map((name) => resolveName(folder, name)),
    ...(testBatch === '' ? {} : { testBatch: resolveName(folder, testBatch) }),
  }
}

/**
 * The IDX or CIFAR form's folder and names for a source already chosen: the folder of the first
 * training file; files in that folder shown by name, others by their whole path.
 */
export function formFromSource(
  source: DataSource,
): { folder: string; idx: IdxNames; cifar: CifarNames } | null {
  if (source.kind !== 'idx' && source.kind !== 'cifar-binary') return null
  const first = source.kind === 'idx' ? source.trainImages : source.trainBatches[0]!
  const { folder } = splitPath(first)
  const nameOf = (path: string | undefined) => {
    if (path === undefined) return ''
    const split = splitPath(path)
    return split.folder === folder ? split.name : path
  }
  if (source.kind === 'idx') {
    return {
      folder,
      idx: {
        trainImages: nameOf(source.trainImages),
        trainLabels: nameOf(source.trainLabels),
        testImages: nameOf(source.testImages),
        testLabels: nameOf(source.testLabels),
      },
      cifar: defaultCifarNames(),
    }
  }
  return {
    folder,
    idx: defaultIdxNames(),
    cifar: { trainBatches: source.trainBatches.map(nameOf).join(', '), testBatch: nameOf(source.testBatch) },
  }
}
