/**
 * Decoded datasets cached in the workspace: `<workspace>/cache/datasets/<key>.npz`, where key is a hash
 * of everything that decides the tensors (source paths, preprocessing, limits, held-out split, decoder
 * versions). The file also records a fingerprint of the source's files (names, sizes, modification
 * times): a source that changed since is decoded again and the file replaced. One file per
 * configuration, so a changing folder does not pile up stale copies.
 *
 * An .npz NumPy reads (np.load(f)["train.y"]), per split (train, and test when there is one):
 *   train.pixels uint8 (N, C, Y, X) and train.divisors uint32 (N): x = pixels / divisor, rebuilt bit for
 *                bit (compact-samples.ts; 4× smaller than float32, so 4× less to write and read), or
 *   train.x      float32 (N, C, Y, X) when the samples cannot be rebuilt from bytes that way;
 *   train.y      int32 (N);
 *   meta         uint8: UTF-8 JSON {format, key, fingerprint, classes, sampleShape, problems, files, …}
 * Written atomically (temp file + rename). A file that cannot be read or does not hold together is
 * treated as absent (decoded again and overwritten), never trusted.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type NpyArray, type NpyInput, readNpz, writeNpz } from '../../../engine/io'
import { writeFileAtomic } from '../atomic-write'
import type { Scale } from '../imaging/preprocess'
import type { DatasetSplit, SampleShape } from './assemble'
import { compactSamples, expandSamples } from './compact-samples'
import type { DatasetProblem } from './source-plan'

export const CACHE_FORMAT = 'dllab.dataset-cache/1'
/** Datasets larger than this (x of both splits) are not cached (an .npz read is limited to 2 GiB). */
export const CACHE_MAX_BYTES = 1.5 * 2 ** 30

export interface CachedDataset {
  readonly classes: string[]
  readonly sampleShape: SampleShape
  readonly train: DatasetSplit
  readonly test?: DatasetSplit | undefined
  readonly problems: DatasetProblem[]
  /** Samples whose decoding is not Pillow-exact (see imaging/decode.ts). */
  readonly notPillowExact: number
}

export type CacheRead =
  | { readonly status: 'hit'; readonly dataset: CachedDataset }
  | { readonly status: 'absent' | 'stale' | 'corrupt' }

interface Meta {
  format: string
  key: string
  fingerprint: string
  classes: string[]
  sampleShape: SampleShape
  problems: DatasetProblem[]
  notPillowExact: number
  trainFiles?: string[]
  testFiles?: string[]
}

/** `<workspace>/cache/datasets`. */
export function datasetCacheDir(workspace: string): string {
  return join(workspace, 'cache', 'datasets')
}

/** A short stable hash of JSON-able parameters. */
export function cacheKey(parameters: unknown): string {
  return createHash('sha256').update(JSON.stringify(parameters)).digest('hex').slice(0, 32)
}

export function cacheFile(dir: string, key: string): string {
  return join(dir, `${key}.npz`)
}

export async function readCache(file: string, key: string, fingerprint: string): Promise<CacheRead> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch {
    return { status: 'absent' }
  }
  try {
    const arrays = readNpz(bytes)
    const meta = JSON.parse(new TextDecoder().decode(member(arrays, 'meta', 'uint8'))) as Meta
    if (meta.format !== CACHE_FORMAT || meta.key !== key) return { status: 'corrupt' }
    if (meta.fingerprint !== fingerprint) return { status: 'stale' }
    const train = readSplit(arrays, 'train', meta, meta.trainFiles)
    const test = arrays['test.y'] ? readSplit(arrays, 'test', meta, meta.testFiles) : undefined
    const { classes, sampleShape, problems, notPillowExact } = meta
    return { status: 'hit', dataset: { classes, sampleShape, train, test, problems, notPillowExact } }
  } catch {
    return { status: 'corrupt' }
  }
}

/** Writes the cache file unless the dataset is too large; returns whether it did. */
export async function writeCache(
  file: string,
  key: string,
  fingerprint: string,
  dataset: CachedDataset,
  scale: Scale,
): Promise<boolean> {
  const { train, test, classes, sampleShape, problems, notPillowExact } = dataset
  if (train.x.byteLength + (test?.x.byteLength ?? 0) > CACHE_MAX_BYTES) return false
  const meta: Meta = {
    format: CACHE_FORMAT,
    key,
    fingerprint,
    classes,
    sampleShape,
    problems,
    notPillowExact,
  }
  if (train.files) meta.trainFiles = train.files
  if (test?.files) meta.testFiles = test.files
  const json = new TextEncoder().encode(JSON.stringify(meta))
  const record: Record<string, NpyInput> = {
    meta: { dtype: 'uint8', shape: [json.length], data: json },
    ...splitArrays('train', train, sampleShape, scale),
    ...(test ? splitArrays('test', test, sampleShape, scale) : {}),
  }
  await writeFileAtomic(file, writeNpz(record))
  return true
}

function splitArrays(
  name: string,
  split: DatasetSplit,
  shape: SampleShape,
  scale: Scale,
): Record<string, NpyInput> {
  const y: NpyInput = { dtype: 'int32', shape: [split.count], data: split.y }
  const compact = compactSamples(split.x, split.count, scale)
  if (!compact) {
    return {
      [`${name}.x`]: { dtype: 'float32', shape: [split.count, ...shape], data: split.x },
      [`${name}.y`]: y,
    }
  }
  return {
    [`${name}.pixels`]: { dtype: 'uint8', shape: [split.count, ...shape], data: compact.pixels },
    [`${name}.divisors`]: { dtype: 'uint32', shape: [split.count], data: compact.divisors },
    [`${name}.y`]: y,
  }
}

function member(arrays: Record<string, NpyArray>, name: string, dtype: 'float32'): Float32Array
function member(arrays: Record<string, NpyArray>, name: string, dtype: 'int32'): Int32Array
function member(arrays: Record<string, NpyArray>, name: string, dtype: 'uint8'): Uint8Array
function member(arrays: Record<string, NpyArray>, name: string, dtype: 'uint32'): Uint32Array
function member(arrays: Record<string, NpyArray>, name: string, dtype: NpyArray['dtype']): NpyArray['data'] {
  const a = arrays[name]
  if (!a || a.dtype !== dtype) throw new Error(`dataset cache: ${name} is missing or not ${dtype}`)
  return a.data
}

function readSplit(
  arrays: Record<string, NpyArray>,
  name: string,
  meta: Meta,
  files: string[] | undefined,
): DatasetSplit {
  const y = member(arrays, `${name}.y`, 'int32')
  let x: Float32Array
  if (arrays[`${name}.pixels`]) {
    const pixels = member(arrays, `${name}.pixels`, 'uint8')
    const divisors = member(arrays, `${name}.divisors`, 'uint32')
    if (divisors.length !== y.length || divisors.includes(0))
      throw new Error(`dataset cache: bad ${name} divisors`)
    x = expandSamples({ pixels, divisors })
  } else {
    x = member(arrays, `${name}.x`, 'float32')
  }
  const sampleSize = meta.sampleShape.reduce((a, b) => a * b, 1)
  const count = y.length
  if (x.length !== count * sampleSize || (files && files.length !== count)) {
    throw new Error(`dataset cache: ${name} arrays do not match`)
  }
  if (y.some((c) => c < 0 || c >= meta.classes.length)) throw new Error(`dataset cache: bad ${name} label`)
  return files ? { x, y, count, files } : { x, y, count }
}
