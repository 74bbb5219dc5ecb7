/**
 * How fast this machine reads a dataset folder (`dllab datasets scan`): images per second for
 * decoding alone and for decoding plus preprocessing, over the folder's class folders with the same
 * worker pool training uses. Each measured pass reads the files from disk again; a short warm-up
 * pass first loads the decoders in every thread and (usually) the files into the OS's cache, so the
 * figures are decoding speed rather than disk speed. Unreadable files count as processed (they cost
 * a read and a failed decode) and are counted in `unreadable`.
 */
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { DecodePool, decodeFiles } from '../../../worker/decode'
import type { PreprocessOptions } from '../imaging/preprocess'
import { listClassFolders } from './class-folders'

export interface BenchmarkPass {
  readonly images: number
  readonly seconds: number
  readonly imagesPerSecond: number
}

export interface ScanBenchmark {
  readonly root: string
  readonly images: number
  readonly unreadable: number
  readonly threads: number
  /** Starting the worker threads (not included in the passes). */
  readonly startSeconds: number
  readonly decodeOnly: BenchmarkPass
  readonly decodeAndPreprocess: BenchmarkPass
  readonly preprocess: PreprocessOptions
}

export interface ScanBenchmarkOptions {
  /** Default: grey, own size, scaled to [0, 1], Pillow-exact. */
  readonly preprocess?: PreprocessOptions
  /** Default os.availableParallelism(); 0 measures the calling thread alone. */
  readonly workers?: number
  /** Only the first N files (in class order). */
  readonly limit?: number
  readonly onProgress?: (pass: 'warm-up' | 'decode' | 'preprocess', done: number, total: number) => void
  readonly signal?: AbortSignal
}

export const DEFAULT_BENCHMARK_PREPROCESS: PreprocessOptions = {
  colour: 'grey',
  scale: 'unit',
  lectureExact: true,
}

const WARM_UP_FILES = 256

export async function benchmarkScan(
  folder: string,
  options: ScanBenchmarkOptions = {},
): Promise<ScanBenchmark> {
  const listing = await listClassFolders(folder, 'dataset folder')
  const all = listing.classes.flatMap((c) => c.files.map((f) => join(listing.root, c.name, f.name)))
  const paths = options.limit !== undefined ? all.slice(0, options.limit) : all
  const preprocess = options.preprocess ?? DEFAULT_BENCHMARK_PREPROCESS
  const t0 = performance.now()
  const pool = await DecodePool.start({ workers: options.workers ?? availableParallelism() })
  const startSeconds = (performance.now() - t0) / 1000
  try {
    const run = (pass: 'warm-up' | 'decode' | 'preprocess') => ({
      onProgress: (done: number, total: number) => options.onProgress?.(pass, done, total),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    await decodeFiles(pool, paths.slice(0, WARM_UP_FILES), preprocess, run('warm-up'))
    const measure = async (p: PreprocessOptions | undefined, pass: 'decode' | 'preprocess') => {
      const start = performance.now()
      const samples = await decodeFiles(pool, paths, p, run(pass))
      const seconds = (performance.now() - start) / 1000
      const result = { images: paths.length, seconds, imagesPerSecond: paths.length / seconds }
      return { result, unreadable: samples.filter((s) => !s.ok).length }
    }
    const decodeOnly = await measure(undefined, 'decode')
    const both = await measure(preprocess, 'preprocess')
    return {
      root: listing.root,
      images: paths.length,
      unreadable: decodeOnly.unreadable,
      threads: pool.threads,
      startSeconds,
      decodeOnly: decodeOnly.result,
      decodeAndPreprocess: both.result,
      preprocess,
    }
  } finally {
    await pool.close()
  }
}
