import { availableParallelism } from 'node:os'

/**
 * The number of threads the training process's GEMM uses: an explicit option first, then the
 * environment variable DLLAB_THREADS, then os.availableParallelism() (all cores). 1 means no helper
 * threads at all (the plain, unshared kernel build). Results are the same whatever the count.
 */
export const THREADS_ENV = 'DLLAB_THREADS'

export class ThreadCountError extends Error {
  override name = 'ThreadCountError'
}

export function parseThreadCount(value: string | number, source: string): number {
  const n = typeof value === 'number' ? value : Number(value.trim())
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new ThreadCountError(
      `${source}: the thread count must be a whole number from 1 to 256, got "${value}"`,
    )
  }
  return n
}

export function resolveThreadCount(
  explicit: number | undefined,
  env: Record<string, string | undefined> = process.env,
): number {
  if (explicit !== undefined) return parseThreadCount(explicit, 'threads')
  const fromEnv = env[THREADS_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return parseThreadCount(fromEnv, THREADS_ENV)
  return availableParallelism()
}
