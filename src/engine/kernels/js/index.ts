import type { KernelName, KernelSignatures } from '../kernel-types'
import { registerKernel } from '../registry'
import { adamUpdate } from './adam-update'
import { avgPoolBackward, avgPoolForward } from './avg-pool2d'
import { addChannelBias, addRowBias, sumChannels, sumRows } from './bias'
import { col2im } from './col2im'
import { conv2dBackward, conv2dForward } from './conv2d'
import { fill } from './fill'
import { gemm } from './gemm'
import { im2col } from './im2col'
import { lpPoolBackward, lpPoolForward } from './lp-pool2d'
import { maxPoolBackward, maxPoolForward } from './max-pool2d'
import { reluBackward, reluForward } from './relu'
import { sgdUpdate } from './sgd-update'
import { sigmoidBackward, sigmoidForward } from './sigmoid'
import { softmaxBackward, softmaxForward } from './softmax'
import { softmaxCrossEntropy } from './softmax-cross-entropy'
import { squaredError } from './squared-error'
import { tanhBackward, tanhForward } from './tanh'

/**
 * The readable JS reference backend. Importing this module registers every kernel of
 * KernelSignatures under the backend name 'js'. The table is typed as the full contract, so a kernel
 * missing here is a type error. Registration does not take over a name another backend (WebAssembly)
 * already activated: the reference is the fallback that is always present.
 */
export const JS_BACKEND = 'js'

export const jsKernels: KernelSignatures = {
  gemm,
  im2col,
  col2im,
  conv2dForward,
  conv2dBackward,
  maxPoolForward,
  maxPoolBackward,
  avgPoolForward,
  avgPoolBackward,
  lpPoolForward,
  lpPoolBackward,
  addRowBias,
  sumRows,
  addChannelBias,
  sumChannels,
  sigmoidForward,
  sigmoidBackward,
  tanhForward,
  tanhBackward,
  reluForward,
  reluBackward,
  softmaxForward,
  softmaxBackward,
  softmaxCrossEntropy,
  sgdUpdate,
  fill,
  squaredError,
  adamUpdate,
}

for (const name of Object.keys(jsKernels) as KernelName[]) {
  registerKernel(name, JS_BACKEND, jsKernels[name], { activate: false })
}
