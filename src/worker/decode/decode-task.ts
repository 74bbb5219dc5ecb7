/**
 * One unit of decoding work, the same in a worker thread and in the calling thread:
 *
 *   files   read each file, decode it (datasets/decode-fast.ts) and, given preprocess options,
 *           colour/resize/scale it (Pillow-exact where asked) into a (C, Y, X) float32 sample;
 *   rasters the same from 8-bit images already in memory, planar (N, C, H, W) (IDX, CIFAR, MNIST).
 *
 * Without preprocess options a files task only decodes ("decode-only", for the scan benchmark) and
 * returns no samples. A file that cannot be read, decoded or preprocessed is an item with a reason,
 * never an exception: one bad file does not stop a dataset.
 */
import { describeFsError } from '../../main/services/errors'
import { decodeImageFast, preprocessImageFast } from '../../main/services/datasets/decode-fast'
import { preprocessRaster, type PreprocessOptions } from '../../main/services/imaging/preprocess'
import { ImagingError, toInterleaved } from '../../main/services/imaging/raster'

export interface FilesTask {
  readonly kind: 'files'
  /** Absolute paths. */
  readonly paths: readonly string[]
}

export interface RastersTask {
  readonly kind: 'rasters'
  /** count images, planar (N, C, H, W), 8-bit. */
  readonly pixels: Uint8Array
  readonly count: number
  readonly channels: number
  readonly height: number
  readonly width: number
}

export type DecodeTask = FilesTask | RastersTask

export type ItemResult =
  | {
      readonly ok: true
      /** (C, Y, X) of the sample; of the decoded image when only decoding. */
      readonly shape: readonly [number, number, number]
      readonly pillowExact: boolean
    }
  | { readonly ok: false; readonly reason: string }

export interface TaskResult {
  /** The samples of the items that are ok, one after another in item order (empty when decode-only). */
  readonly data: Float32Array
  readonly items: readonly ItemResult[]
}

export type ReadFile = (path: string) => Uint8Array | Promise<Uint8Array>

export function taskSize(task: DecodeTask): number {
  return task.kind === 'files' ? task.paths.length : task.count
}

/** The reason a decoder or preprocessor gave, without libvips' module prefixes ("VipsJpeg: …"). */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const first = (message.split('\n')[0] ?? '').replace(/Vips\w*:\s*/g, '').trim()
  return error instanceof ImagingError ? first : `cannot decode: ${first}`
}

/**
 * Runs a task; `onItem(done)` after each item. Errors other than a bad input item (a bug, or memory
 * exhausted) are thrown.
 */
export async function runDecodeTask(
  task: DecodeTask,
  preprocess: PreprocessOptions | undefined,
  read: ReadFile,
  onItem?: (done: number) => void,
): Promise<TaskResult> {
  const samples: Float32Array[] = []
  const items: ItemResult[] = []
  const n = taskSize(task)
  for (let i = 0; i < n; i++) {
    items.push(
      task.kind === 'files'
        ? await fileItem(task.paths[i]!, preprocess, read, samples)
        : rasterItem(task, i, preprocess, samples),
    )
    onItem?.(i + 1)
  }
  const data = new Float32Array(samples.reduce((sum, s) => sum + s.length, 0))
  let offset = 0
  for (const s of samples) {
    data.set(s, offset)
    offset += s.length
  }
  return { data, items }
}

async function fileItem(
  path: string,
  preprocess: PreprocessOptions | undefined,
  read: ReadFile,
  samples: Float32Array[],
): Promise<ItemResult> {
  let bytes: Uint8Array
  try {
    bytes = await read(path)
  } catch (error) {
    return { ok: false, reason: `cannot read: ${describeFsError(error)}` }
  }
  try {
    if (!preprocess) {
      const img = await decodeImageFast(bytes)
      return { ok: true, shape: [img.channels, img.height, img.width], pillowExact: img.pillowExact }
    }
    const out = await preprocessImageFast(bytes, preprocess)
    samples.push(out.data)
    return { ok: true, shape: [out.channels, out.height, out.width], pillowExact: out.pillowExact }
  } catch (error) {
    return { ok: false, reason: reasonOf(error) }
  }
}

function rasterItem(
  task: RastersTask,
  i: number,
  preprocess: PreprocessOptions | undefined,
  samples: Float32Array[],
): ItemResult {
  const { channels, height, width } = task
  if (!preprocess) return { ok: true, shape: [channels, height, width], pillowExact: true }
  const size = channels * height * width
  const planar = { width, height, channels, data: task.pixels.subarray(i * size, (i + 1) * size) }
  try {
    const out = preprocessRaster(toInterleaved(planar), preprocess)
    samples.push(out.data)
    return { ok: true, shape: [out.channels, out.height, out.width], pillowExact: true }
  } catch (error) {
    return { ok: false, reason: reasonOf(error) }
  }
}
