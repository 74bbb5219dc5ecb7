import { inferShapes, type ParsedModelSpec } from '../../../engine'
import { LectureInteropError } from './errors'

/**
 * The lecture's weight files (DL.py 実習①, AE.py 実習②): one np.savez(file, w=W, b=b) per layer, named
 * after the layer object that saves it,
 *
 *   DL.py   dat/BP-hunit1.npz … dat/BP-hunit6.npz, dat/BP-out.npz   (hunit1 … hunit6, outunit)
 *   AE.py   dat/BP-hunit.npz, dat/BP-out.npz                        (hunit, outunit)
 *
 * with W of shape (inputs, units) (`np.random.uniform(-0.5,0.5,(m,n))`, u = xW + b) and b of shape
 * (units,), float64. DL Lab's dense layers keep the same convention under `<layer>.W` and `<layer>.b`,
 * so a model whose parameters are all in dense layers maps one to one: the layer named `outunit`
 * (or, failing that, the last dense layer) is BP-out.npz; every other dense layer L is BP-L.npz.
 */
export interface LectureFile {
  /** The spec layer's name ("hunit1"). */
  layer: string
  /** File name in the dat folder ("BP-hunit1.npz"). */
  file: string
  /** Keys of the run's weights.npz. */
  weightKey: string
  biasKey: string
  /** (inputs, units) and (units). */
  wShape: [number, number]
  bShape: [number]
}

export const LECTURE_OUTPUT_FILE = 'BP-out.npz'
export const lectureFileName = (layer: string): string => `BP-${layer}.npz`

/** The files a model reads and writes, in layer order; throws LectureInteropError if it has none. */
export function lectureLayout(spec: ParsedModelSpec): LectureFile[] {
  const label = `model '${spec.name ?? 'model'}'`
  const summary = inferShapes(spec)
  const withParams = summary.layers.filter((l) => l.parameters > 0)
  const notDense = withParams.filter((l) => l.type !== 'dense')
  if (notDense.length > 0) {
    throw new LectureInteropError(
      `${label} cannot be written as the lecture's weight files: they hold dense layers only (np.savez ` +
        `with w and b), but it has ${notDense.map((l) => `${l.type} '${l.name}'`).join(', ')}`,
    )
  }
  if (withParams.length === 0) throw new LectureInteropError(`${label} has no dense layer with weights`)
  const noBias = withParams.filter((l) => l.params.length !== 2)
  if (noBias.length > 0) {
    throw new LectureInteropError(
      `${label}: the lecture's layers all have a bias b, but ${noBias.map((l) => `'${l.name}'`).join(', ')} ` +
        `has useBias false`,
    )
  }
  const out = withParams.find((l) => l.name === 'outunit') ?? withParams.at(-1)!
  return withParams.map((l) => {
    const units = l.outputShape[0]!
    const inputs = l.inputShape[0]!
    const file = l === out ? LECTURE_OUTPUT_FILE : lectureFileName(l.name)
    if (l !== out && file === LECTURE_OUTPUT_FILE) {
      throw new LectureInteropError(
        `${label}: layer 'out' would be saved as ${LECTURE_OUTPUT_FILE}, the output layer's file; rename it`,
      )
    }
    return {
      layer: l.name,
      file,
      weightKey: `${l.name}.W`,
      biasKey: `${l.name}.b`,
      wShape: [inputs, units],
      bShape: [units],
    }
  })
}
