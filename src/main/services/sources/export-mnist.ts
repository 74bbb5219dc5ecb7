/**
 * Write the built-in MNIST as the lecture's folders, so its Python programs read it unchanged:
 *     DIR/train/<c>/<c>_<j>.jpg   and   DIR/test/<c>/<c>_<j>.jpg
 * c = digit 0–9, j = 1, 2, … in the order the images appear in the IDX files (the lecture reads
 * mnist/train/0/0_1.jpg … with `for j in range(1, train_num+1)`).
 * Each file is a baseline, single-channel (grey) JPEG, which Pillow opens as mode L. The default
 * quality 100 keeps the pixels within a few levels of the IDX values; the files are ~0.7 KB each.
 *
 * Safety: DIR must be absent or empty unless `overwrite` is set; with it, only DIR/train and
 * DIR/test are replaced and nothing else in DIR is touched.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { DatasetSourceError, imageAt, type LabelledImages } from './labelled-images'
import { loadBuiltinMnist, type MnistSplit } from './mnist-builtin'

export interface ExportMnistOptions {
  /** At most this many images per class and split (the lecture's train_num); default all. */
  readonly limitPerClass?: number
  /** Replace DIR/train and DIR/test even if DIR is not empty. */
  readonly overwrite?: boolean
  /** JPEG quality 1–100, default 100. */
  readonly quality?: number
  readonly splits?: readonly MnistSplit[]
  /** Called after every written file. */
  readonly onProgress?: (written: number, total: number) => void
  /** Where the images come from; default the built-in MNIST. */
  readonly load?: (split: MnistSplit) => Promise<LabelledImages>
}

export interface ExportMnistResult {
  /** Files written per split and class. */
  readonly counts: Record<MnistSplit, number[]>
  readonly files: number
}

/** Files encoded at once: enough to keep libuv's 4 threads busy while Node writes. */
const IN_FLIGHT = 8

export async function exportMnist(dir: string, options: ExportMnistOptions = {}): Promise<ExportMnistResult> {
  const { limitPerClass, overwrite = false, quality = 100, splits = ['train', 'test'] } = options
  if (limitPerClass !== undefined && !(Number.isInteger(limitPerClass) && limitPerClass >= 1)) {
    throw new DatasetSourceError(
      `export-mnist: the per-class limit must be a positive integer, got ${limitPerClass}`,
    )
  }
  if (!(Number.isInteger(quality) && quality >= 1 && quality <= 100)) {
    throw new DatasetSourceError(
      `export-mnist: JPEG quality must be an integer from 1 to 100, got ${quality}`,
    )
  }
  await prepareDir(dir, overwrite, splits)
  const load = options.load ?? ((s: MnistSplit) => loadBuiltinMnist(s))

  // plan every file first: (split, class, j, image index)
  const plan: { path: string; set: LabelledImages; index: number }[] = []
  const counts = { train: [], test: [] } as Record<MnistSplit, number[]>
  for (const split of splits) {
    const set = await load(split)
    if (set.channels !== 1) {
      throw new DatasetSourceError(
        `export-mnist: expected grey images, the ${split} set has ${set.channels} channels`,
      )
    }
    const perClass = new Array<number>(set.classes.length).fill(0)
    for (let i = 0; i < set.count; i++) {
      const c = set.labels[i]
      if (limitPerClass !== undefined && perClass[c] >= limitPerClass) continue
      perClass[c]++
      const name = set.classes[c]
      plan.push({ path: join(dir, split, name, `${name}_${perClass[c]}.jpg`), set, index: i })
    }
    counts[split] = perClass
    await Promise.all(set.classes.map((name) => mkdir(join(dir, split, name), { recursive: true })))
  }

  let next = 0
  let written = 0
  const worker = async () => {
    while (next < plan.length) {
      const { path, set, index } = plan[next++]
      const jpeg = await sharp(imageAt(set, index), {
        raw: { width: set.width, height: set.height, channels: 1 },
      })
        .toColourspace('b-w') // else sharp writes three equal colour channels
        .jpeg({ quality, chromaSubsampling: '4:4:4' })
        .toBuffer()
      await writeFile(path, jpeg)
      written++ // not inside onProgress?.(…): optional chaining would skip the increment
      options.onProgress?.(written, plan.length)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return { counts, files: written }
}

async function prepareDir(dir: string, overwrite: boolean, splits: readonly MnistSplit[]): Promise<void> {
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined
    throw e
  })
  if (!info) return
  if (!info.isDirectory()) throw new DatasetSourceError(`export-mnist: ${dir} exists and is not a folder`)
  const entries = await readdir(dir)
  if (entries.length === 0) return
  if (!overwrite) {
    throw new DatasetSourceError(
      `export-mnist: ${dir} is not empty (${entries.length} entries); choose an empty folder, ` +
        'or pass overwrite to replace its train/ and test/ folders',
    )
  }
  await Promise.all(splits.map((s) => rm(join(dir, s), { recursive: true, force: true })))
}
