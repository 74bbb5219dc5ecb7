/**
 * Which images of a source a dataset takes, per class.
 *
 * Per-class limit (the lecture's train_num): the first N images of each class in source order —
 * natural file order for class folders (the lecture reads `<c>_1.jpg` … `<c>_N.jpg`, or `0.png` …
 * `N-1.png`), record order for IDX, CIFAR and MNIST (which is how export-mnist numbers the files).
 * An image that cannot be read does not count: the next one takes its place, so a class still gets
 * N images when it has N readable ones. Images past those are not read at all.
 *
 * Held-out test set: per class, a seeded shuffle picks round(fraction · n) images (at least 1 and at
 * most n − 1 when n ≥ 2; none of a single image) as the test set; both parts keep source order. The
 * split depends only on the seed, the class's index and its number of images, so it is the same on
 * every machine and for every run, and a change in one class does not reshuffle the others.
 */
import { Rng } from '../../../engine/init/rng'
import type { Sample } from '../../../worker/decode/decode-many'

/** Per class, indices into a split's items, in source order. */
export type PerClass = number[][]

export function holdoutSplit(
  perClass: PerClass,
  fraction: number,
  seed: number,
): { train: PerClass; test: PerClass } {
  const train: PerClass = []
  const test: PerClass = []
  perClass.forEach((items, c) => {
    const n = items.length
    const k = n < 2 ? 0 : Math.min(n - 1, Math.max(1, Math.round(fraction * n)))
    const order = Array.from({ length: n }, (_, i) => i)
    new Rng((seed + Math.imul(c + 1, 0x9e3779b9)) >>> 0).shuffle(order)
    const held = new Set(order.slice(0, k))
    train.push(items.filter((_, i) => !held.has(i)))
    test.push(items.filter((_, i) => held.has(i)))
  })
  return { train, test }
}

export type GoodSample = Extract<Sample, { ok: true }>

export interface Picked {
  /** Per class, the chosen items and their samples, in source order. */
  readonly perClass: { readonly item: number; readonly sample: GoodSample }[][]
  /** Items that were tried and failed, with the reason. */
  readonly failed: { readonly item: number; readonly reason: string }[]
  /** Items decoded (good or not). */
  readonly decoded: number
}

/**
 * Decodes candidates in rounds until each class has `limit` good samples or no candidates left
 * (all of them without a limit). `decode` gets a batch of items and returns their samples in order.
 */
export async function pickFirstGood(
  candidates: PerClass,
  limit: number | undefined,
  decode: (items: number[]) => Promise<Sample[]>,
): Promise<Picked> {
  const perClass: Picked['perClass'][number][] = candidates.map(() => [])
  const failed: Picked['failed'][number][] = []
  const nextCandidate = candidates.map(() => 0)
  let decoded = 0
  for (;;) {
    const batch: { c: number; item: number }[] = []
    candidates.forEach((items, c) => {
      const want = limit === undefined ? items.length : limit - perClass[c]!.length
      const take = items.slice(nextCandidate[c], nextCandidate[c]! + Math.max(0, want))
      nextCandidate[c]! += take.length
      for (const item of take) batch.push({ c, item })
    })
    if (batch.length === 0) break
    const samples = await decode(batch.map((b) => b.item))
    decoded += batch.length
    batch.forEach(({ c, item }, i) => {
      const sample = samples[i]!
      if (sample.ok) perClass[c]!.push({ item, sample })
      else failed.push({ item, reason: sample.reason })
    })
  }
  return { perClass, failed, decoded }
}
