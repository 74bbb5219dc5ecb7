/**
 * A decoded labelled image set as the built-in sources deliver it: 8-bit pixels (N, C, H, W) in one
 * buffer, one label per image (index into `classes`).
 */
export interface LabelledImages {
  /** (N, C, H, W), row-major */
  readonly images: Uint8Array
  readonly labels: Uint8Array
  readonly count: number
  readonly channels: number
  readonly height: number
  readonly width: number
  readonly classes: readonly string[]
}

/** A dataset source is missing, malformed or inconsistent. */
export class DatasetSourceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** Pixels of image i, (C, H, W). A view, not a copy. */
export function imageAt(set: LabelledImages, i: number): Uint8Array {
  const n = set.channels * set.height * set.width
  return set.images.subarray(i * n, (i + 1) * n)
}
