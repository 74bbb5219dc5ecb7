/**
 * Samples picked per class → the dataset's tensors: x (N, C, Y, X) float32, row-major, samples in
 * class order and source order within a class (the lecture's data_vec[class][j]), y the class index
 * of each sample. Every sample of both splits must have one shape; they differ only when images of
 * different sizes are loaded without preprocess.size, which is an error saying so.
 */
import { DatasetError } from './dataset-error'
import type { Picked } from './selection'

export type SampleShape = [number, number, number]

export interface DatasetSplit {
  /** (count, C, Y, X), row-major. */
  readonly x: Float32Array
  /** Class index of each sample. */
  readonly y: Int32Array
  readonly count: number
  /** Class folders: each sample's file, relative to its split's folder ("cat/3.png"). */
  readonly files?: string[]
}

export interface PickedSplit {
  readonly picked: Picked
  /** How to name an item in messages, and in `files` when `withFiles`. */
  readonly nameOf: (item: number) => string
  readonly withFiles: boolean
}

/** The shape shared by every sample of the splits; throws DatasetError when they differ. */
export function commonShape(splits: readonly PickedSplit[], sized: boolean): SampleShape | undefined {
  let first: { shape: readonly number[]; name: string } | undefined
  for (const { picked, nameOf } of splits) {
    for (const cls of picked.perClass) {
      for (const { item, sample } of cls) {
        if (!first) {
          first = { shape: sample.shape, name: nameOf(item) }
          continue
        }
        if (sample.shape.every((v, i) => v === first!.shape[i])) continue
        const size = (s: readonly number[]) => `${s[2]}×${s[1]}`
        if (sized) {
          throw new DatasetError(
            `${nameOf(item)} came out ${size(sample.shape)}, ${first.name} ${size(first.shape)}: ` +
              'preprocessing should have made them equal; this is a bug, please report it',
          )
        }
        throw new DatasetError(
          `The images differ in size: ${first.name} is ${size(first.shape)} pixels, ${nameOf(item)} is ` +
            `${size(sample.shape)}; set a size in the preprocessing options to resize them all to one size`,
          {
            code: 'image-sizes-differ',
            params: {
              first: first.name,
              firstSize: size(first.shape),
              other: nameOf(item),
              otherSize: size(sample.shape),
            },
          },
        )
      }
    }
  }
  return first ? [first.shape[0]!, first.shape[1]!, first.shape[2]!] : undefined
}

export function assembleSplit(split: PickedSplit, shape: SampleShape): DatasetSplit {
  const sampleSize = shape[0] * shape[1] * shape[2]
  const count = split.picked.perClass.reduce((n, cls) => n + cls.length, 0)
  const x = new Float32Array(count * sampleSize)
  const y = new Int32Array(count)
  const files: string[] = []
  let i = 0
  split.picked.perClass.forEach((cls, c) => {
    for (const { item, sample } of cls) {
      x.set(sample.data, i * sampleSize)
      y[i] = c
      if (split.withFiles) files.push(split.nameOf(item))
      i++
    }
  })
  return split.withFiles ? { x, y, count, files } : { x, y, count }
}
