/**
 * What every kind of source gives the loader (load-dataset.ts): a fingerprint of its files, cheap to
 * compute (listing and stat only), which decides whether a cached dataset is still current; and, on
 * demand, the plan: class names, and per split the candidate items per class and how to decode them.
 */
import type { PreprocessOptions } from '../imaging/preprocess'
import type { DecodePool, RunOptions, Sample } from '../../../worker/decode'
import type { PerClass } from './selection'

export type SplitName = 'train' | 'test'

/** A file or image that was skipped, or a class without images, and why. */
export interface DatasetProblem {
  readonly split: SplitName
  /** file: an image skipped (unreadable, damaged, not an image); class: a class folder without images. */
  readonly kind: 'file' | 'class'
  /** Relative to the split's folder ("cat/3.png", or "cat" for the class), or "<set>[index]". */
  readonly path: string
  readonly reason: string
}

export interface SplitPlan {
  /** Per class (index into `classes`), candidate items in source order. */
  readonly candidates: PerClass
  /** At most this many per class (the first that decode). */
  readonly limit: number | undefined
  /** The item's name for problems and `files`. */
  readonly nameOf: (item: number) => string
  /** Report each sample's file (class folders). */
  readonly withFiles: boolean
  readonly decode: (
    pool: DecodePool,
    items: number[],
    preprocess: PreprocessOptions,
    run: RunOptions,
  ) => Promise<Sample[]>
}

export interface SourcePlan {
  readonly classes: string[]
  readonly train: SplitPlan
  readonly test?: SplitPlan
  /** Problems known before decoding (empty or unreadable class folders). */
  readonly problems: DatasetProblem[]
}

export interface DescribedSource {
  /** Changes whenever a file the dataset is made from changes (names, sizes, modification times). */
  readonly fingerprint: string
  readonly plan: () => Promise<SourcePlan>
}

/** Limits and the held-out split, as the experiment's data section gives them. */
export interface Selection {
  readonly perClassLimit?: number | undefined
  readonly testPerClassLimit?: number | undefined
  readonly holdout?: { readonly fraction: number; readonly seed: number } | undefined
}
