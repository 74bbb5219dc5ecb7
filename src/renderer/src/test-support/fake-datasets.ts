import { CIFAR10_CLASSES } from '../../../shared/datasets/cifar10'
import type { DataSource, Preprocess } from '../../../shared/experiment/schema'
import type { ClassSummary, DatasetInspection, FolderScan, ScanProblem } from '../../../shared/ipc/contract'
import type { FakeFile, FakeFolder } from './fake-api'
import { describePreprocess, preprocessImage, statistics, syntheticImage } from './fake-dataset-pixels'
import type { FakeHandlers } from './fake-handlers'

/** What the fake reads datasets from: fake-api's in-memory file system and its class-folder scan. */
export interface FakeDatasetFiles {
  files: FakeFolder
  scan(root: string): FolderScan
}

/** MNIST's real training images per digit 0–9 (they sum to 60,000); the test set has 10,000. */
export const MNIST_TRAIN_PER_CLASS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
/** Each CIFAR-10 batch file holds 10,000 images, 1,000 of each class. */
const CIFAR_PER_BATCH = 10_000

/** A class's ink colour in the fake pictures (RGB sources). */
const ink = (classIndex: number) => [40 + 20 * classIndex, 200 - 15 * classIndex, 90 + 10 * classIndex]

interface SourceData {
  title: string
  classes: { name: string; count: number }[]
  testCount: number
  problems: ScanProblem[]
  /** Native size and colour of the source's images. */
  size: number
  grey: boolean
}

const fakePng = (text: string) => `data:image/png;base64,${btoa(text)}`

/**
 * datasets.inspect for the fake api. Built-in MNIST has MNIST's real class counts; class folders are
 * scanned in the fake file system (counts and unreadable files as datasets.scanFolder finds them);
 * IDX and CIFAR files must exist there (a 'corrupt' file is refused as the service refuses it) and
 * hold MNIST's counts and 10,000 images per CIFAR batch. The preview's shape, description and
 * min/max/mean are computed from the preprocessing options over fake pictures.
 */
export function createFakeDatasets(fs: FakeDatasetFiles): FakeHandlers<'datasets.inspect'> {
  function entry(path: string): FakeFolder | FakeFile | undefined {
    let node: FakeFolder | FakeFile | undefined = fs.files
    for (const part of path.split('/').filter(Boolean)) {
      node = typeof node === 'object' ? node[part] : undefined
    }
    return node
  }

  function requireFile(path: string, format: string): void {
    const found = entry(path)
    if (found === undefined) throw new Error(`Cannot open ${path}: no such file`)
    if (typeof found === 'object') throw new Error(`Cannot open ${path}: it is a folder`)
    if (found !== 'text') throw new Error(`${path} is not ${format}`)
  }

  function sourceData(source: DataSource): SourceData {
    switch (source.kind) {
      case 'mnist':
      case 'idx': {
        if (source.kind === 'idx') {
          for (const path of [source.trainImages, source.trainLabels, source.testImages, source.testLabels]) {
            if (path !== undefined) requireFile(path, 'an IDX file')
          }
          if ((source.testImages === undefined) !== (source.testLabels === undefined)) {
            throw new Error('data.source: testImages and testLabels must be given together')
          }
        }
        const hasTest = source.kind === 'mnist' || source.testImages !== undefined
        return {
          title: source.kind === 'mnist' ? 'MNIST (built in)' : source.trainImages,
          classes: MNIST_TRAIN_PER_CLASS.map((count, digit) => ({ name: String(digit), count })),
          testCount: hasTest ? 10_000 : 0,
          problems: [],
          size: 28,
          grey: true,
        }
      }
      case 'cifar-binary': {
        for (const path of source.trainBatches) requireFile(path, 'a CIFAR-10 batch')
        if (source.testBatch !== undefined) requireFile(source.testBatch, 'a CIFAR-10 batch')
        const perClass = (source.trainBatches.length * CIFAR_PER_BATCH) / CIFAR10_CLASSES.length
        return {
          title: source.trainBatches.join(', '),
          classes: CIFAR10_CLASSES.map((name) => ({ name, count: perClass })),
          testCount: source.testBatch === undefined ? 0 : CIFAR_PER_BATCH,
          problems: [],
          size: 32,
          grey: false,
        }
      }
      case 'folder': {
        const train = fs.scan(source.train)
        const test = source.test === undefined ? null : fs.scan(source.test)
        return {
          title: source.train,
          classes: train.classes.map((c) => ({ name: c.name, count: c.imageCount })),
          testCount: test?.totalImages ?? 0,
          problems: [...train.problems, ...(test?.problems ?? [])],
          size: 32,
          grey: false,
        }
      }
    }
  }

  function checkPreprocess(options: Preprocess): void {
    const { size } = options
    if (size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= 4096)) {
      throw new Error(`data.preprocess.size must be an integer from 1 to 4096 (got ${size})`)
    }
  }

  function inspect(request: {
    source: unknown
    preprocess?: unknown
    previewCount?: number
  }): DatasetInspection {
    const source = request.source as DataSource
    const options: Preprocess = {
      colour: 'grey',
      scale: 'unit',
      lectureExact: false,
      ...(request.preprocess as Partial<Preprocess> | undefined),
    }
    checkPreprocess(options)
    const data = sourceData(source)
    const classes: ClassSummary[] = data.classes.map((c) => ({
      name: c.name,
      imageCount: c.count,
      thumbnails: Array.from({ length: Math.min(4, c.count) }, (_, i) => fakePng(`${c.name}/${i}`)),
    }))
    const previewClasses = data.classes.filter((c) => c.count > 0)
    const samples = Array.from(
      { length: previewClasses.length === 0 ? 0 : (request.previewCount ?? 8) },
      (_, i) => {
        const classIndex = data.classes.indexOf(previewClasses[i % previewClasses.length]!)
        const image = syntheticImage(data.size, classIndex, i, data.grey ? [255] : ink(classIndex))
        const input = preprocessImage(image, options)
        return {
          index: i,
          className: data.classes[classIndex]!.name,
          input: fakePng(`${input.shape.join('x')}/${i}`),
          ...statistics(input.data),
        }
      },
    )
    const shape = [options.colour === 'grey' ? 1 : 3, options.size ?? data.size, options.size ?? data.size]
    return {
      title: data.title,
      trainCount: data.classes.reduce((sum, c) => sum + c.count, 0),
      testCount: data.testCount,
      classes,
      problems: data.problems,
      preview: { shape, description: describePreprocess(options, shape), samples },
    }
  }

  return { 'datasets.inspect': inspect }
}
