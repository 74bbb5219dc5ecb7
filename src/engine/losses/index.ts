import { binaryCrossEntropyLoss } from './binary-cross-entropy'
import { type Loss, type LossName, unknownLoss } from './loss'
import { mseLoss } from './mse'
import { softmaxCrossEntropyLoss } from './softmax-cross-entropy'
import { sseLoss } from './sse'

/**
 * Losses by name (the names experiment specs use). Losses are stateless, so one shared instance each.
 *   sse                    ½ Σ (y − t)², a sum (the lecture's E)
 *   mse                    mean over elements of (y − t)²
 *   softmax-cross-entropy  on logits, mean over the batch
 *   binary-cross-entropy   on probabilities, mean over elements
 */
const losses: Record<LossName, Loss> = {
  sse: sseLoss,
  mse: mseLoss,
  'softmax-cross-entropy': softmaxCrossEntropyLoss,
  'binary-cross-entropy': binaryCrossEntropyLoss,
}

export function getLoss(name: string): Loss {
  if (!Object.hasOwn(losses, name)) throw unknownLoss(name)
  return losses[name as LossName]
}

export { type Loss, type LossName, lossNames, checkLossArgs } from './loss'
export { sseLoss, mseLoss, softmaxCrossEntropyLoss, binaryCrossEntropyLoss }
