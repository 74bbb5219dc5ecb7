/**
 * inspectDataset(source, preprocess): a dataset source looked at before training — its classes with
 * counts and thumbnails, the train and test counts, the files that cannot be read, and a few samples
 * exactly as the network will see them.
 *
 *   class folders   scanFolder (every image fully decoded: counts of readable images, problems,
 *                   thumbnails) of the training folder and of the test folder
 *   IDX, CIFAR,     the loader's own source plan (describeArraySource): classes and the images of
 *   built-in MNIST  each class per split; thumbnails decoded without scaling
 *   preview         the loader's decode (decodePlan over the source plan, the very code loadDataset
 *                   runs) of the first readable training images, one class after the other
 *
 * Only the images shown are decoded (and, for class folders, checked), so built-in MNIST takes well
 * under a second. Nothing is written.
 */
import { basename, resolve } from 'node:path'
import type { ClassSummary, ScanProblem } from '../../../shared/ipc/contract'
import type { DatasetInspection } from '../../../shared/ipc/lab-types'
import type { PreprocessOptions } from '../imaging/preprocess'
import { describeArraySource } from './array-sources'
import { decodePlan } from './decode-plan'
import { describeFolderSource } from './folder-source'
import {
  describePreprocess,
  samplePng,
  sampleStats,
  type SampleTensor,
  thumbnailPng,
  whiteValue,
} from './inspect-images'
import type { DatasetSource } from './load-dataset'
import { scanFolder } from './scan-folder'
import type { GoodSample } from './selection'
import type { SourcePlan } from './source-plan'

export interface InspectOptions {
  /** Samples in the preview (default 8). */
  readonly previewCount?: number
  /** Thumbnails per class (default 4). */
  readonly thumbnails?: number
  /** Classes that get thumbnails (the first ones; default 100): a source may have thousands. */
  readonly thumbnailClasses?: number
}

/** The first `limit` readable training images of each class, decoded and preprocessed as in loadDataset. */
async function firstSamples(
  plan: SourcePlan,
  preprocess: PreprocessOptions,
  limit: number,
  classes = plan.classes.length,
): Promise<{ item: number; sample: GoodSample }[][]> {
  const candidates = plan.train.candidates.map((items, c) => (c < classes ? items : []))
  const decoded = await decodePlan(
    { classes: plan.classes, train: { ...plan.train, candidates, limit }, problems: [] },
    preprocess,
    {},
  )
  return decoded.train.picked.perClass
}

/** Class after class: the first sample of each, then the second of each, … up to `count`. */
function roundRobin<T>(perClass: readonly (readonly T[])[], count: number): { c: number; value: T }[] {
  const out: { c: number; value: T }[] = []
  const longest = Math.max(0, ...perClass.map((s) => s.length))
  for (let k = 0; k < longest && out.length < count; k++) {
    perClass.forEach((samples, c) => {
      if (k < samples.length && out.length < count) out.push({ c, value: samples[k]! })
    })
  }
  return out
}

async function preview(
  plan: SourcePlan,
  preprocess: PreprocessOptions,
  count: number,
): Promise<DatasetInspection['preview']> {
  const filled = plan.train.candidates.filter((items) => items.length > 0).length
  const perClass = await firstSamples(plan, preprocess, Math.ceil(count / Math.max(1, filled)))
  const chosen = roundRobin(perClass, count)
  const shape = chosen[0] ? [...chosen[0].value.sample.shape] : []
  const samples = await Promise.all(
    chosen.map(async ({ c, value: { item, sample } }) => {
      const stats = sampleStats(sample.data)
      return {
        index: item,
        className: plan.classes[c]!,
        input: await samplePng(sample, whiteValue(preprocess.scale, stats)),
        ...stats,
      }
    }),
  )
  return { shape, description: shape.length ? describePreprocess(preprocess, shape) : '', samples }
}

const unscaled: PreprocessOptions = { colour: 'rgb', scale: 'none', lectureExact: false }

async function arrayClasses(plan: SourcePlan, options: InspectOptions): Promise<ClassSummary[]> {
  const perClass = await firstSamples(
    plan,
    unscaled,
    options.thumbnails ?? 4,
    options.thumbnailClasses ?? 100,
  )
  return Promise.all(
    plan.classes.map(async (name, c) => ({
      name,
      imageCount: plan.train.candidates[c]!.length,
      thumbnails: await Promise.all(
        (perClass[c] ?? []).map(({ sample }) => thumbnailPng(sample as SampleTensor)),
      ),
    })),
  )
}

const count = (candidates: readonly (readonly number[])[] | undefined) =>
  (candidates ?? []).reduce((n, items) => n + items.length, 0)

export async function inspectDataset(
  source: DatasetSource,
  preprocess: PreprocessOptions,
  options: InspectOptions = {},
): Promise<DatasetInspection> {
  const previewCount = options.previewCount ?? 8
  if (source.kind === 'folder') {
    const [train, test, described] = await Promise.all([
      scanFolder(source.train, { thumbnails: options.thumbnails ?? 4 }),
      source.test !== undefined ? scanFolder(source.test, { thumbnails: 0 }) : undefined,
      describeFolderSource(source, {}),
    ])
    const plan = await described.plan()
    const testProblems: ScanProblem[] = (test?.problems ?? []).map((p) => ({
      ...p,
      path: `[test] ${p.path}`,
    }))
    return {
      title:
        source.test !== undefined
          ? `${resolve(source.train)} + ${resolve(source.test)}`
          : resolve(source.train),
      trainCount: train.totalImages,
      testCount: test?.totalImages ?? 0,
      classes: train.classes,
      problems: [...train.problems, ...testProblems],
      preview: await preview(plan, preprocess, previewCount),
    }
  }
  const plan = await (await describeArraySource(source, {})).plan()
  const [classes, shown] = await Promise.all([
    arrayClasses(plan, options),
    preview(plan, preprocess, previewCount),
  ])
  return {
    title: titleOf(source),
    trainCount: count(plan.train.candidates),
    testCount: count(plan.test?.candidates),
    classes,
    problems: [],
    preview: shown,
  }
}

function titleOf(source: Exclude<DatasetSource, { kind: 'folder' }>): string {
  switch (source.kind) {
    case 'mnist':
      return 'MNIST (built in)'
    case 'idx':
      return [source.trainImages, source.trainLabels, source.testImages, source.testLabels]
        .flatMap((p) => (p === undefined ? [] : [basename(p)]))
        .join(', ')
    case 'cifar-binary':
      return [...source.trainBatches, ...(source.testBatch !== undefined ? [source.testBatch] : [])]
        .map((p) => basename(p))
        .join(', ')
  }
}
