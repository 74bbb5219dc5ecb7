/**
 * The WebAssembly kernel module: every export is a kernel of src/engine/kernels/kernel-types.ts
 * with pointers (byte offsets into the imported memory `env.memory`) in place of Float32Arrays and
 * the geometry spelled out as integers. src/engine/kernels/wasm/ wraps them back into the contract.
 *
 * Memory: imported, so the engine creates it (and later can share one memory among worker threads);
 * this module has no allocator and no runtime (--runtime stub): the caller places every buffer and
 * the workspace. Static data (constant tables) sits below heapBase().
 */
export { gemm, gemmWorkspaceBytes } from './kernels/gemm'
export { im2col, col2im } from './kernels/columns'
export { conv2dForward, conv2dBackward, conv2dWorkspaceBytes } from './kernels/conv2d'
export { maxPoolForward, maxPoolBackward } from './kernels/max-pool'
export { avgPoolForward, avgPoolBackward } from './kernels/avg-pool'
export { lpPoolForward, lpPoolBackward } from './kernels/lp-pool'
export { addRowBias, sumRows, addChannelBias, sumChannels } from './kernels/bias'
export {
  sigmoidForward,
  sigmoidBackward,
  tanhForward,
  tanhBackward,
  reluForward,
  reluBackward,
} from './kernels/activations'
export { softmaxForward, softmaxBackward } from './kernels/softmax'
export { softmaxCrossEntropy } from './kernels/softmax-cross-entropy'
export { sgdUpdate } from './kernels/sgd'
export { fill } from './kernels/fill'
export { squaredError } from './kernels/squared-error'
export { adamUpdate } from './kernels/adam'
export { expf } from './math/exp'

/** First byte the caller may use: everything below holds the module's static data. */
export function heapBase(): usize {
  return __heap_base
}
