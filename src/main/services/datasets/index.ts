/**
 * Datasets: scanning class folders for the UI, and loading any source (class folders, IDX, CIFAR-10
 * binary, built-in MNIST) into preprocessed tensors, decoded on all cores and cached in the workspace.
 */
export { assembleSplit, type DatasetSplit, type SampleShape } from './assemble'
export { listClassFolders, type ClassFolder, type ClassFolderListing, type FileEntry } from './class-folders'
export { CACHE_FORMAT, CACHE_MAX_BYTES, datasetCacheDir } from './dataset-cache'
export { DatasetError } from './dataset-error'
export { decodeImageFast, preprocessImageFast } from './decode-fast'
export { IN_THREAD_MAX } from './decode-plan'
export {
  DECODER_VERSION,
  loadDataset,
  type DatasetSource,
  type LoadDatasetOptions,
  type LoadedDataset,
  type LoadStats,
} from './load-dataset'
export {
  benchmarkScan,
  DEFAULT_BENCHMARK_PREPROCESS,
  type BenchmarkPass,
  type ScanBenchmark,
  type ScanBenchmarkOptions,
} from './scan-benchmark'
export { scanFolder, type ScanOptions } from './scan-folder'
export { holdoutSplit } from './selection'
export type { DatasetProblem, SplitName } from './source-plan'
