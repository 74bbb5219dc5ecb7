/**
 * The kernel contract. Every backend (the readable JS reference in kernels/js, WebAssembly SIMD in
 * kernels/wasm) implements these names with exactly these signatures and passes the same tests.
 *
 * Conventions (llm.c style): outputs first, then inputs, then dimensions. The caller owns every
 * buffer; kernels never allocate in their loops. Backward kernels ACCUMULATE (+=) into gradient
 * buffers, so a parameter used twice (a tied weight) gets the sum of both uses. Offsets let a kernel
 * work on one image of a batch without subarray allocation.
 *
 * Image layout is (N, C, Y, X) row-major, as in the lecture.
 */
export interface Conv2dGeometry {
  channels: number // C
  height: number // H (input Y)
  width: number // W (input X)
  kernelH: number // KH
  kernelW: number // KW
  strideH: number
  strideW: number
  padH: number // zero padding rows on top and bottom
  padW: number // zero padding columns left and right
  outH: number // (H − KH + 2·padH)/strideH + 1
  outW: number // (W − KW + 2·padW)/strideW + 1
}

export type PoolMode = 'max' | 'avg' | 'lp'

export interface KernelSignatures {
  /**
   * C (m×n) = op(A) · op(B), op(A) (m×k), op(B) (k×n), all row-major.
   * transA: A is stored (k×m); transB: B is stored (n×k). accumulate: C += product instead of C =.
   */
  gemm(
    c: Float32Array,
    a: Float32Array,
    b: Float32Array,
    m: number,
    n: number,
    k: number,
    transA: boolean,
    transB: boolean,
    accumulate: boolean,
  ): void

  /**
   * Lecture transform ①: one image x[xOffset …] (C, H, W) → cols (C·KH·KW, OH·OW).
   * Row r = (c·KH + ky)·KW + kx holds, for every output position (oy, ox), the input value
   * x[c, oy·sH + ky − pH, ox·sW + kx − pW] (0 outside the image: zero padding).
   */
  im2col(cols: Float32Array, x: Float32Array, xOffset: number, g: Conv2dGeometry): void

  /** Adjoint of im2col: dx[dxOffset …] (C, H, W) += scatter of cols (C·KH·KW, OH·OW). */
  col2im(dx: Float32Array, dxOffset: number, cols: Float32Array, g: Conv2dGeometry): void

  /**
   * Convolution of a batch, image by image (① im2col, ②③ y_n = F·X′ written in place, + b): x (N, C,
   * H, W) → y (N, M, OH, OW), weight F (M, C·KH·KW), bias (M) or null; `cols` is the caller's
   * workspace of C·KH·KW·OH·OW floats (a backend may use its own instead).
   */
  conv2dForward(
    y: Float32Array,
    x: Float32Array,
    weight: Float32Array,
    bias: Float32Array | null,
    cols: Float32Array,
    batch: number,
    filters: number,
    g: Conv2dGeometry,
  ): void

  /**
   * Its backward: dBias += Σ Δ (when given), dWeight += Σ_n Δ_n X′_nᵗ (images in order), and, when dx
   * is given, dx_n = col2im(Fᵗ Δ_n) WRITTEN (=, not accumulated: each image's dx is cleared first).
   * dx null skips the input gradient (a network's first layer needs none).
   */
  conv2dBackward(
    dx: Float32Array | null,
    dWeight: Float32Array,
    dBias: Float32Array | null,
    dy: Float32Array,
    x: Float32Array,
    weight: Float32Array,
    cols: Float32Array,
    batch: number,
    filters: number,
    g: Conv2dGeometry,
  ): void

  /**
   * Lecture transforms ④–⑤: pooling of x (N·C planes of H×W) → y (N·C planes of OH×OW), windows
   * KH×KW with stride and zero padding as in Conv2dGeometry (channels = N·C planes).
   * max: argmax[i] = flat index in x of the chosen element (−1 if the window is all padding).
   * avg: mean over the KH·KW window (padding counts as zeros, like PyTorch count_include_pad=True).
   * lp:  (Σ |x|^p)^(1/p) over the window (PyTorch LPPool2d: no padding, p ≥ 1).
   */
  maxPoolForward(y: Float32Array, argmax: Int32Array, x: Float32Array, g: Conv2dGeometry): void
  maxPoolBackward(dx: Float32Array, dy: Float32Array, argmax: Int32Array, outSize: number): void
  avgPoolForward(y: Float32Array, x: Float32Array, g: Conv2dGeometry): void
  avgPoolBackward(dx: Float32Array, dy: Float32Array, g: Conv2dGeometry): void
  lpPoolForward(y: Float32Array, x: Float32Array, g: Conv2dGeometry, p: number): void
  lpPoolBackward(
    dx: Float32Array,
    dy: Float32Array,
    x: Float32Array,
    y: Float32Array,
    g: Conv2dGeometry,
    p: number,
  ): void

  /** y (rows×cols) += bias (cols) on every row: the `+ b` of u = xW + b. */
  addRowBias(y: Float32Array, bias: Float32Array, rows: number, cols: number): void
  /** db (cols) += Σ_rows dy (rows×cols). */
  sumRows(db: Float32Array, dy: Float32Array, rows: number, cols: number): void
  /** y (planes×size) += bias[plane mod channels]: the per-filter bias of conv2d on (N, M, OH·OW). */
  addChannelBias(y: Float32Array, bias: Float32Array, batch: number, channels: number, size: number): void
  /** db (channels) += Σ over batch and positions of dy (N, M, size). */
  sumChannels(db: Float32Array, dy: Float32Array, batch: number, channels: number, size: number): void

  /** Elementwise activations over n values; backward uses the forward OUTPUT y (and x for relu). */
  sigmoidForward(y: Float32Array, x: Float32Array, n: number): void
  sigmoidBackward(dx: Float32Array, dy: Float32Array, y: Float32Array, n: number): void // dx = dy·y(1−y)
  tanhForward(y: Float32Array, x: Float32Array, n: number): void
  tanhBackward(dx: Float32Array, dy: Float32Array, y: Float32Array, n: number): void // dx = dy(1−y²)
  reluForward(y: Float32Array, x: Float32Array, n: number): void
  reluBackward(dx: Float32Array, dy: Float32Array, x: Float32Array, n: number): void // dx = dy·[x>0]
  /** Row-wise softmax over (rows×cols), max-subtracted for stability. */
  softmaxForward(y: Float32Array, x: Float32Array, rows: number, cols: number): void
  /** dx_i = y_i (dy_i − Σ_j dy_j y_j), row by row. */
  softmaxBackward(dx: Float32Array, dy: Float32Array, y: Float32Array, rows: number, cols: number): void

  /**
   * One SGD step on one parameter of n values (torch.optim.SGD; kernels/js/sgd-update.ts): g = ∂W + λW,
   * momentum buffer b (or null) = g on the first step, μb + (1 − τ)g later; W ← W − α·(g + μb | b | g).
   * float64 per element, each stored value rounded once: every backend gives the same bits.
   */
  sgdUpdate(
    w: Float32Array,
    dw: Float32Array,
    b: Float32Array | null,
    n: number,
    lr: number,
    momentum: number,
    dampening: number,
    nesterov: boolean,
    weightDecay: number,
    first: boolean,
  ): void

  /**
   * One Adam step on one parameter of n values (torch.optim.Adam; kernels/js/adam-update.ts):
   * g = ∂W + λW, m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², v̂ = max(v̂, v) when vmax (amsgrad) is
   * given, W ← W − stepSize·m/(√v̂/bc2Sqrt + ε). float64 per element: every backend gives the same bits.
   */
  adamUpdate(
    w: Float32Array,
    dw: Float32Array,
    m: Float32Array,
    v: Float32Array,
    vmax: Float32Array | null,
    n: number,
    stepSize: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    bc2Sqrt: number,
  ): void

  /**
   * grad = y − t over n values and returns Σ (y − t)² (the SSE loss's sum; float64 differences, the
   * squares added in index order: the same bits on every backend).
   */
  squaredError(grad: Float32Array, y: Float32Array, t: Float32Array, n: number): number

  /** y[0 … n) = value (clearing gradients: optim zeroGrads). */
  fill(y: Float32Array, value: number, n: number): void

  /**
   * Fused softmax cross-entropy on logits (rows×cols) with one-hot or soft targets (rows×cols).
   * Writes dLogits = (softmax(z) − t) · scale and returns Σ_rows −Σ_j t_j log softmax(z)_j (a sum,
   * not a mean: the caller applies its reduction through `scale` and the returned value).
   */
  softmaxCrossEntropy(
    dLogits: Float32Array,
    logits: Float32Array,
    targets: Float32Array,
    rows: number,
    cols: number,
    scale: number,
  ): number
}

export type KernelName = keyof KernelSignatures
