import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  EngineError,
  lectureLayerFromNpz,
  lectureLayerToNpz,
  type StateDict,
  type StateTensor,
} from '../../../engine'
import { writeFileAtomic } from '../atomic-write'
import { describeFsError } from '../errors'
import { LectureInteropError } from './errors'
import type { LectureFile } from './layout'

/**
 * Reading and writing the lecture's dat folder (layout.ts names the files): each BP-<layer>.npz is
 * np.savez(file, w=W, b=b) with float64 arrays, which the lecture's Load() reads unchanged
 * (`work = np.load(filename); self.w = work['w']; self.b = work['b']`). DL Lab computes in float32:
 * reading rounds the float64 values to float32; writing widens float32 exactly.
 */
const shapeText = (shape: readonly number[]): string =>
  `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/** The weights in `dir` as a state dict (`hunit1.W`, `hunit1.b`, …), checked against the layout. */
export async function readLectureWeights(dir: string, layout: readonly LectureFile[]): Promise<StateDict> {
  const files = await Promise.all(
    layout.map(async (entry) => {
      try {
        return new Uint8Array(await readFile(join(dir, entry.file)))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw new LectureInteropError(`cannot read ${join(dir, entry.file)}: ${describeFsError(error)}`, {
          cause: error,
        })
      }
    }),
  )
  const missing = layout.filter((_, i) => files[i] === undefined).map((e) => e.file)
  if (missing.length > 0) {
    throw new LectureInteropError(
      `${dir} lacks ${missing.join(', ')}; the lecture's program writes ` +
        `${layout.map((e) => e.file).join(', ')} into its dat folder when it trains`,
    )
  }
  const dict: StateDict = {}
  layout.forEach((entry, i) => {
    const path = join(dir, entry.file)
    let layer
    try {
      layer = lectureLayerFromNpz(files[i]!)
    } catch (error) {
      if (error instanceof EngineError) throw new LectureInteropError(`${path}: ${error.message}`)
      throw error
    }
    const [inputs, units] = entry.wShape
    if (layer.w.shape[0] !== inputs || layer.w.shape[1] !== units) {
      throw new LectureInteropError(
        `${path}: w has shape ${shapeText(layer.w.shape)}, but layer '${entry.layer}' needs ` +
          `${shapeText(entry.wShape)} (inputs × units); these weights belong to a different network`,
      )
    }
    dict[entry.weightKey] = layer.w
    dict[entry.biasKey] = layer.b
  })
  return dict
}

function tensorOf(weights: Readonly<StateDict>, key: string, shape: readonly number[]): StateTensor {
  const t = weights[key]
  if (!t) throw new LectureInteropError(`the weights have no '${key}'; they do not belong to this model`)
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new LectureInteropError(
      `the weights' '${key}' has shape ${shapeText(t.shape)}, the model needs ${shapeText(shape)}`,
    )
  }
  return t
}

export interface WriteLectureOptions {
  /** Replace BP-*.npz files that exist already (nothing else in the folder is touched). */
  overwrite?: boolean
}

/** Writes every BP-<layer>.npz of the layout into `dir` (created if missing); returns the paths. */
export async function writeLectureWeights(
  dir: string,
  layout: readonly LectureFile[],
  weights: Readonly<StateDict>,
  options: WriteLectureOptions = {},
): Promise<string[]> {
  const layers = layout.map((entry) => ({
    path: join(dir, entry.file),
    w: tensorOf(weights, entry.weightKey, entry.wShape),
    b: tensorOf(weights, entry.biasKey, entry.bShape),
  }))
  if (!options.overwrite) {
    const present = []
    for (const { path } of layers) if (await exists(path)) present.push(path)
    if (present.length > 0) {
      throw new LectureInteropError(
        `${present.length === 1 ? `${present[0]} exists` : `${present.length} of the files exist already (${present.join(', ')})`}; ` +
          `choose another folder or allow overwriting`,
      )
    }
  }
  for (const { path, w, b } of layers) await writeFileAtomic(path, lectureLayerToNpz({ w, b }))
  return layers.map((l) => l.path)
}
