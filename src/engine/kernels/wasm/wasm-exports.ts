import { KernelError } from '../../errors'
import type { Conv2dGeometry } from '../kernel-types'

/**
 * The exports of assembly/index.ts as TypeScript sees them: pointers are byte offsets into the
 * module's memory (i32), booleans are 0/1, geometry is passed as its 11 integers in the order of
 * Conv2dGeometry (channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW).
 */
type Geometry11 = [number, number, number, number, number, number, number, number, number, number, number]

/** A geometry as the kernels take it: its 11 integers in the order of Conv2dGeometry. */
export function geometryArgs(g: Conv2dGeometry): Geometry11 {
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW } = g
  return [channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, outH, outW]
}

export interface WasmKernelExports {
  heapBase(): number
  gemmWorkspaceBytes(m: number, n: number, k: number): number
  gemm(
    c: number,
    a: number,
    b: number,
    m: number,
    n: number,
    k: number,
    transA: number,
    transB: number,
    accumulate: number,
    work: number,
  ): void
  im2col(cols: number, x: number, ...g: Geometry11): void
  col2im(dx: number, cols: number, ...g: Geometry11): void
  conv2dWorkspaceBytes(
    filters: number,
    channels: number,
    kernelH: number,
    kernelW: number,
    outH: number,
    outW: number,
  ): number
  conv2dForward(
    y: number,
    x: number,
    w: number,
    bias: number,
    batch: number,
    filters: number,
    ...gw: [...Geometry11, number]
  ): void
  conv2dBackward(
    dx: number,
    dw: number,
    db: number,
    dy: number,
    x: number,
    w: number,
    batch: number,
    filters: number,
    ...gw: [...Geometry11, number]
  ): void
  maxPoolForward(y: number, argmax: number, x: number, ...g: Geometry11): void
  maxPoolBackward(dx: number, dy: number, argmax: number, outSize: number, dxSize: number): number
  avgPoolForward(y: number, x: number, ...g: Geometry11): void
  avgPoolBackward(dx: number, dy: number, ...g: Geometry11): void
  lpPoolForward(y: number, x: number, ...gp: [...Geometry11, number]): void
  lpPoolBackward(dx: number, dy: number, x: number, y: number, ...gp: [...Geometry11, number]): void
  addRowBias(y: number, bias: number, rows: number, cols: number): void
  sumRows(db: number, dy: number, rows: number, cols: number, work: number): void
  addChannelBias(y: number, bias: number, batch: number, channels: number, size: number): void
  sumChannels(db: number, dy: number, batch: number, channels: number, size: number): void
  sigmoidForward(y: number, x: number, n: number): void
  sigmoidBackward(dx: number, dy: number, y: number, n: number): void
  tanhForward(y: number, x: number, n: number): void
  tanhBackward(dx: number, dy: number, y: number, n: number): void
  reluForward(y: number, x: number, n: number): void
  reluBackward(dx: number, dy: number, x: number, n: number): void
  softmaxForward(y: number, x: number, rows: number, cols: number): void
  softmaxBackward(dx: number, dy: number, y: number, rows: number, cols: number): void
  softmaxCrossEntropy(
    dLogits: number,
    logits: number,
    targets: number,
    rows: number,
    cols: number,
    scale: number,
  ): number
  sgdUpdate(
    w: number,
    dw: number,
    b: number,
    n: number,
    lr: number,
    momentum: number,
    dampening: number,
    nesterov: number,
    weightDecay: number,
    first: number,
  ): void
  fill(y: number, value: number, n: number): void
  squaredError(grad: number, y: number, t: number, n: number): number
  adamUpdate(
    w: number,
    dw: number,
    m: number,
    v: number,
    vmax: number,
    n: number,
    stepSize: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    bc2Sqrt: number,
  ): void
  /** e^x in float32, as the activations compute it (exported for its accuracy test). */
  expf(x: number): number
}

const REQUIRED: (keyof WasmKernelExports)[] = [
  'heapBase',
  'gemmWorkspaceBytes',
  'gemm',
  'im2col',
  'col2im',
  'conv2dWorkspaceBytes',
  'conv2dForward',
  'conv2dBackward',
  'maxPoolForward',
  'maxPoolBackward',
  'avgPoolForward',
  'avgPoolBackward',
  'lpPoolForward',
  'lpPoolBackward',
  'addRowBias',
  'sumRows',
  'addChannelBias',
  'sumChannels',
  'sigmoidForward',
  'sigmoidBackward',
  'tanhForward',
  'tanhBackward',
  'reluForward',
  'reluBackward',
  'softmaxForward',
  'softmaxBackward',
  'softmaxCrossEntropy',
  'sgdUpdate',
  'fill',
  'squaredError',
  'adamUpdate',
  'expf',
]

/** Checks that an instance exports every kernel (a stale or foreign .wasm fails here, by name). */
export function asKernelExports(exports: Record<string, unknown>): WasmKernelExports {
  const missing = REQUIRED.filter((name) => typeof exports[name] !== 'function')
  if (missing.length > 0) {
    throw new KernelError(
      `wasm backend: the module lacks ${missing.join(', ')}; rebuild it with \`node scripts/build-wasm.mjs\``,
    )
  }
  return exports as unknown as WasmKernelExports
}
