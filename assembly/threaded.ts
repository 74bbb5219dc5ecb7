/**
 * Entry of the shared-memory builds (kernels-*-shared.wasm, see scripts/build-wasm.mjs): every kernel
 * of index.ts, plus one thread's share of a GEMM (kernels/threaded-gemm.ts). Each worker thread
 * instantiates this module over the same shared memory (src/worker/gemm-pool/).
 */
export * from './index'
export { gemmPanel, gemmSplitKind } from './kernels/threaded-gemm'
export { conv2dColumnsAndInputGrad, conv2dWeightGradPanel } from './kernels/threaded-conv2d'
