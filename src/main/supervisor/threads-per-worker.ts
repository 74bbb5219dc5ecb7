/**
 * How many GEMM/convolution threads each training process gets: the cores shared out among the
 * processes that may run at once (settings.trainingProcesses), at least 1. Two runs on 2 cores get
 * 1 thread each instead of 2 × 2 threads fighting over the same cores; one run gets them all.
 * undefined when the user set DLLAB_THREADS (the CLI's --threads): the worker then follows it.
 */
export function threadsPerWorker(
  cores: number,
  concurrency: number,
  env: Record<string, string | undefined>,
): number | undefined {
  if (env['DLLAB_THREADS']) return undefined
  return Math.max(1, Math.floor(cores / Math.max(1, concurrency)))
}
