/**
 * Entry of the shared-memory builds (kernels-*-shared.wasm, see scripts/build-wasm.mjs): every kernel
 * of index.ts, plus one thread's share of a GEMM (kernels/threaded-gemm.ts) and of a convolution's
 * backward (chunks of images, kernels/conv2d.ts). Each worker thread
 * instantiates this module over the same shared memory (src/worker/gemm-pool/).
 */
export * from './index'
export { gemmPanel, gemmSplitKind } from './kernels/threaded-gemm'
export { addPartials, conv2dBackwardChunks, conv2dChunks, partialBytes } from './kernels/conv2d'
