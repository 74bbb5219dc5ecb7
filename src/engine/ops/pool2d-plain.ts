import { EngineError, ShapeError } from '../errors'
import type { PoolMode } from '../kernels/kernel-types'
import { kernels } from '../kernels/registry'
import { type Plane, planeGeometry, requirePlane } from './filter2d'

/**
 * Pooling of one single-channel image by mode, for the filter bench (lecture ④–⑤ on one plane):
 *
 *   image (H, W) → out (OH, OW),  OH = (H − size + 2p)/s + 1, OW likewise
 *   max: largest value of each window (argmax: flat index in the image of it, −1 never occurs here)
 *   avg: window mean, zero padding counted (PyTorch count_include_pad=True)
 *   lp:  (Σ |x|^p)^(1/p) over the window, p ≥ 1, no padding (PyTorch LPPool2d on |x|)
 *
 * Stride defaults to the window size (non-overlapping windows, as in the lecture); padding to 0 and
 * at most half the window, so no window lies wholly in the padding. Runs on the registry's kernels.
 */
export interface PoolPlaneOptions {
  mode: PoolMode
  /** Square window size. */
  size: number
  /** Default: size. */
  stride?: number
  /** Default 0; at most size/2; lp takes none. */
  padding?: number
  /** The p of Lp pooling (default 2). */
  p?: number
}

export interface PooledPlane extends Plane {
  /** For mode 'max': the flat index in the image of each output's maximum. */
  argmax?: Int32Array
}

export function poolPlane(
  image: Float32Array,
  height: number,
  width: number,
  options: PoolPlaneOptions,
): PooledPlane {
  const { mode, size } = options
  const padding = options.padding ?? 0
  const stride = options.stride ?? size
  const p = options.p ?? 2
  if (mode !== 'max' && mode !== 'avg' && mode !== 'lp') {
    throw new EngineError(`pool2d: mode must be 'max', 'avg' or 'lp', got '${String(mode)}'`)
  }
  if (mode === 'lp' && !(Number.isFinite(p) && p >= 1)) {
    throw new EngineError(`pool2d: Lp pooling needs a finite p ≥ 1, got p = ${p}`)
  }
  if (mode === 'lp' && padding !== 0) {
    throw new ShapeError(`pool2d: Lp pooling takes no padding, got ${padding}; set padding 0`)
  }
  if (2 * padding > size) {
    throw new ShapeError(
      `pool2d: padding ${padding} is more than half the window ${size}; some windows would hold only ` +
        `padding — use padding ≤ ${Math.floor(size / 2)}`,
    )
  }
  requirePlane('pool2d', 'image', image, height, width)
  const g = planeGeometry(height, width, size, size, { padding, stride }, 'pool2d')
  const data = new Float32Array(g.outH * g.outW)
  const out: PooledPlane = { data, height: g.outH, width: g.outW }
  if (mode === 'max') {
    out.argmax = new Int32Array(data.length)
    kernels.maxPoolForward(data, out.argmax, image, g)
  } else if (mode === 'avg') {
    kernels.avgPoolForward(data, image, g)
  } else {
    kernels.lpPoolForward(data, image, g, p)
  }
  return out
}
