/**
 * Many files (or in-memory images) through a decode pool, in chunks: per item, its sample or the
 * reason it has none, in input order. Chunks are small enough that every thread gets several (they
 * balance out uneven files) and large enough that messages cost nothing next to decoding.
 */
import type { PreprocessOptions } from '../../main/services/imaging/preprocess'
import type { DecodeTask, TaskResult } from './decode-task'
import type { DecodePool, RunOptions } from './decode-pool'

export type Sample =
  | {
      readonly ok: true
      /** (C, Y, X) values; a view into its chunk's buffer. Empty when only decoding. */
      readonly data: Float32Array
      readonly shape: readonly [number, number, number]
      readonly pillowExact: boolean
    }
  | { readonly ok: false; readonly reason: string }

export const MIN_CHUNK = 8
export const MAX_CHUNK = 256

/** Items per task: about 8 tasks per thread, within [MIN_CHUNK, MAX_CHUNK]. */
export function chunkSize(total: number, threads: number): number {
  const even = Math.ceil(total / (8 * Math.max(1, threads)))
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, even))
}

/** Decode (and, with preprocess options, preprocess) files; decode-only returns empty samples. */
export function decodeFiles(
  pool: DecodePool,
  paths: readonly string[],
  preprocess: PreprocessOptions | undefined,
  options: RunOptions = {},
): Promise<Sample[]> {
  return runChunked(
    pool,
    paths.length,
    (start, end) => ({ kind: 'files', paths: paths.slice(start, end) }),
    preprocess,
    options,
  )
}

export interface PlanarImages {
  /** (N, C, H, W), 8-bit */
  readonly images: Uint8Array
  readonly channels: number
  readonly height: number
  readonly width: number
}

/** Preprocess the images at `indices` of an in-memory set (IDX, CIFAR, MNIST). */
export function preprocessImages(
  pool: DecodePool,
  set: PlanarImages,
  indices: ArrayLike<number>,
  preprocess: PreprocessOptions,
  options: RunOptions = {},
): Promise<Sample[]> {
  const { channels, height, width } = set
  const size = channels * height * width
  return runChunked(
    pool,
    indices.length,
    (start, end) => {
      const pixels = new Uint8Array((end - start) * size)
      for (let k = start; k < end; k++) {
        const i = indices[k]!
        pixels.set(set.images.subarray(i * size, (i + 1) * size), (k - start) * size)
      }
      return { kind: 'rasters', pixels, count: end - start, channels, height, width }
    },
    preprocess,
    options,
  )
}

async function runChunked(
  pool: DecodePool,
  total: number,
  task: (start: number, end: number) => DecodeTask,
  preprocess: PreprocessOptions | undefined,
  options: RunOptions,
): Promise<Sample[]> {
  const step = chunkSize(total, pool.threads)
  const tasks: DecodeTask[] = []
  for (let start = 0; start < total; start += step) tasks.push(task(start, Math.min(total, start + step)))
  const results = await pool.run(tasks, preprocess, options)
  return results.flatMap((r) => samplesOf(r, preprocess !== undefined))
}

function samplesOf(result: TaskResult, withData: boolean): Sample[] {
  let offset = 0
  return result.items.map((item) => {
    if (!item.ok) return item
    const [c, y, x] = item.shape
    const length = withData ? c * y * x : 0
    const data = result.data.subarray(offset, offset + length)
    offset += length
    return { ok: true, data, shape: item.shape, pillowExact: item.pillowExact }
  })
}
