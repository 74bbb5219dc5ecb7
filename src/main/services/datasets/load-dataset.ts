/**
 * loadDataset(source, preprocess, options): the tensors a run trains and tests on.
 *
 *   source      class folders {train, test?} | built-in MNIST | IDX files | CIFAR-10 binary batches
 *               (the experiment's data.source; relative paths are resolved against the current folder,
 *               so callers resolve them against the experiment file first)
 *   preprocess  colour, size, scale, lectureExact (imaging/preprocess.ts; Pillow-exact when asked)
 *   options     perClassLimit / testPerClassLimit (the first N readable images of each class),
 *               holdout {fraction, seed} (a seeded per-class split of the training images as the test
 *               set), cacheDir (<workspace>/cache/datasets), workers, onProgress, signal
 *
 * → train {x (N, C, Y, X) float32, y int32, files?}, test?, classes (the training folder's, natural
 *   order), sampleShape (C, Y, X), problems (skipped files and empty classes: never fatal), fromCache,
 *   stats. Errors (DatasetError) only when there is nothing sensible to load: no class folders, a test
 *   class the training folder lacks, images of different sizes without a size, no readable image.
 * Decoding runs on all cores (src/worker/decode); nothing is ever written into a dataset folder.
 */
import { resolve } from 'node:path'
import sharp from 'sharp'
import { JPEG_WASM_VERSION } from '../imaging/jpeg-wasm'
import type { PreprocessOptions } from '../imaging/preprocess'
import { compareNatural } from '../natural-sort'
import { describeArraySource, type ArraySource } from './array-sources'
import { assembleSplit, commonShape, type DatasetSplit, type SampleShape } from './assemble'
import {
  CACHE_FORMAT,
  type CachedDataset,
  cacheFile,
  cacheKey,
  type CacheRead,
  readCache,
  writeCache,
} from './dataset-cache'
import { DatasetError } from './dataset-error'
import { type DecodedPlan, decodePlan, type DecodeOptions } from './decode-plan'
import { describeFolderSource, type FolderSource } from './folder-source'
import type { DatasetProblem, Selection } from './source-plan'

export type DatasetSource = FolderSource | ArraySource

/** Bump when a change here or in the imaging code changes the values a source decodes to. */
export const DECODER_VERSION = 'dllab-decode/1'

export interface LoadDatasetOptions extends Selection, DecodeOptions {
  /** Folder of cached datasets (datasetCacheDir(workspace)); omitted: no cache. */
  readonly cacheDir?: string | undefined
}

export interface LoadStats {
  /** Images decoded by this call (0 when the cache had the dataset). */
  readonly decoded: number
  /** Decoded images per second of decoding. */
  readonly imagesPerSecond: number
  /** Seconds for the whole call. */
  readonly seconds: number
  /** Decode threads used (0: the calling thread). */
  readonly threads: number
  /**
   * off: no cacheDir; hit: loaded from the cache; absent, stale (the source changed), corrupt:
   * decoded and written to the cache; too-large: decoded, not cached (over CACHE_MAX_BYTES).
   */
  readonly cache: 'off' | 'hit' | 'absent' | 'stale' | 'corrupt' | 'too-large'
  readonly cacheFile?: string
  /** Samples whose decoding is not Pillow-exact (CMYK JPEGs, some GIFs and TIFFs, fast shrink). */
  readonly notPillowExact: number
  /** Images skipped because they could not be read (the problems of kind 'file'). */
  readonly skipped: number
}

export interface LoadedDataset {
  readonly train: DatasetSplit
  readonly test?: DatasetSplit | undefined
  readonly classes: string[]
  readonly sampleShape: SampleShape
  readonly problems: DatasetProblem[]
  readonly fromCache: boolean
  readonly stats: LoadStats
}

export async function loadDataset(
  source: DatasetSource,
  preprocess: PreprocessOptions,
  options: LoadDatasetOptions = {},
): Promise<LoadedDataset> {
  const started = performance.now()
  checkOptions(preprocess, options)
  const selection: Selection = {
    perClassLimit: options.perClassLimit,
    testPerClassLimit: options.testPerClassLimit,
    holdout: options.holdout,
  }
  const explicitTest =
    (source.kind === 'folder' && source.test !== undefined) ||
    (source.kind === 'idx' && source.testImages !== undefined) ||
    (source.kind === 'cifar-binary' && source.testBatch !== undefined)
  if (options.holdout && explicitTest) {
    throw new DatasetError(
      'loadDataset: a held-out fraction takes the test set out of the training images, but the source ' +
        'names a test set too; drop one of them',
    )
  }
  const described =
    source.kind === 'folder'
      ? await describeFolderSource(source, selection)
      : await describeArraySource(source, selection)
  const key = cacheKey({
    format: CACHE_FORMAT,
    decoders: [
      DECODER_VERSION,
      JPEG_WASM_VERSION,
      `sharp ${sharp.versions.sharp}`,
      `vips ${sharp.versions.vips}`,
    ],
    source: resolvedSource(source),
    preprocess: [preprocess.colour, preprocess.size ?? null, preprocess.scale, preprocess.lectureExact],
    selection: [
      selection.perClassLimit ?? null,
      selection.testPerClassLimit ?? null,
      selection.holdout ?? null,
    ],
  })
  const file = options.cacheDir !== undefined ? cacheFile(options.cacheDir, key) : undefined
  let cached: CacheRead | undefined
  if (file) {
    cached = await readCache(file, key, described.fingerprint)
    if (cached.status === 'hit') {
      const { dataset } = cached
      return { ...dataset, fromCache: true, stats: statsOf(started, dataset, 'hit', file) }
    }
  }
  options.signal?.throwIfAborted()

  const plan = await described.plan()
  const decoded = await decodePlan(plan, preprocess, options)
  const splits = decoded.test ? [decoded.train, decoded.test] : [decoded.train]
  const sampleShape = commonShape(splits, preprocess.size !== undefined)
  const trainCount = decoded.train.picked.perClass.reduce((n, c) => n + c.length, 0)
  if (!sampleShape || trainCount === 0) {
    throw new DatasetError(`${describeSource(source)} has no image that could be read for training`, {
      code: 'no-readable-images',
    })
  }
  const train = assembleSplit(decoded.train, sampleShape)
  const test = decoded.test ? assembleSplit(decoded.test, sampleShape) : undefined
  const problems = [
    ...plan.problems,
    ...splits.flatMap((s, i) =>
      s.picked.failed.map(
        ({ item, reason }) =>
          ({ split: i === 0 ? 'train' : 'test', kind: 'file', path: s.nameOf(item), reason }) as const,
      ),
    ),
  ].sort((a, b) => (a.split === b.split ? compareNatural(a.path, b.path) : a.split === 'train' ? -1 : 1))
  const notPillowExact = splits.reduce(
    (n, s) => n + s.picked.perClass.reduce((m, c) => m + c.filter((p) => !p.sample.pillowExact).length, 0),
    0,
  )
  const dataset = { classes: plan.classes, sampleShape, train, test, problems, notPillowExact }
  let cache: LoadStats['cache'] = 'off'
  if (file && cached) {
    cache = (await writeCache(file, key, described.fingerprint, dataset, preprocess.scale))
      ? cached.status
      : 'too-large'
  }
  return { ...dataset, fromCache: false, stats: statsOf(started, dataset, cache, file, decoded) }
}

function statsOf(
  started: number,
  dataset: CachedDataset,
  cache: LoadStats['cache'],
  file: string | undefined,
  decoded?: DecodedPlan,
): LoadStats {
  const count = decoded?.decoded ?? 0
  return {
    decoded: count,
    imagesPerSecond: decoded && decoded.seconds > 0 ? count / decoded.seconds : 0,
    seconds: (performance.now() - started) / 1000,
    threads: decoded?.threads ?? 0,
    cache,
    ...(file ? { cacheFile: file } : {}),
    notPillowExact: dataset.notPillowExact,
    skipped: dataset.problems.filter((p) => p.kind === 'file').length,
  }
}

/** The source with absolute paths, for the cache key. */
function resolvedSource(source: DatasetSource): unknown {
  switch (source.kind) {
    case 'folder':
      return ['folder', resolve(source.train), source.test !== undefined ? resolve(source.test) : null]
    case 'idx':
      return [
        'idx',
        ...[source.trainImages, source.trainLabels, source.testImages, source.testLabels].map((p) =>
          p ? resolve(p) : null,
        ),
      ]
    case 'cifar-binary':
      return [
        'cifar-binary',
        source.trainBatches.map((p) => resolve(p)),
        source.testBatch ? resolve(source.testBatch) : null,
      ]
    case 'mnist':
      return ['mnist']
  }
}

function describeSource(source: DatasetSource): string {
  switch (source.kind) {
    case 'folder':
      return `The training folder ${resolve(source.train)}`
    case 'idx':
      return `The IDX file ${resolve(source.trainImages)}`
    case 'cifar-binary':
      return 'The CIFAR-10 training batches'
    case 'mnist':
      return 'The built-in MNIST'
  }
}

function checkOptions(preprocess: PreprocessOptions, options: LoadDatasetOptions): void {
  const positive = (name: string, v: number | undefined) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
      throw new DatasetError(`loadDataset: ${name} must be a positive integer, got ${v}`)
    }
  }
  positive('perClassLimit', options.perClassLimit)
  positive('testPerClassLimit', options.testPerClassLimit)
  const size = preprocess.size
  if (size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= 4096)) {
    throw new DatasetError(`loadDataset: preprocess.size must be an integer from 1 to 4096, got ${size}`)
  }
  const h = options.holdout
  if (
    h &&
    !(h.fraction > 0 && h.fraction < 1 && Number.isInteger(h.seed) && h.seed >= 0 && h.seed <= 0xffffffff)
  ) {
    throw new DatasetError(
      `loadDataset: holdout needs a fraction in (0, 1) and a seed in [0, 4294967295], got ${h.fraction} and ${h.seed}`,
    )
  }
}
