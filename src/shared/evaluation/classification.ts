/**
 * Everything evaluation.json says about a classifier, as plain JSON-serialisable data: the
 * confusion matrix (rows = true class, columns = predicted, as the lecture's Predict() prints it),
 * the correct count 正解数 (its trace), accuracy, per-class precision / recall / F1, macro averages and
 * the most confident mistakes. Give either predicted class indices or score rows (then the
 * prediction is the argmax of each row and its score the confidence).
 */
import { argmaxRows } from './predictions'
import { checkLabels, confusionMatrix, correctCount, type ConfusionMatrix } from './confusion'
import { EvaluationError } from './errors'
import { macroAverages, perClassMetrics, type ClassMetrics, type MacroAverages } from './per-class'
import { misclassifiedSamples, type MisclassifiedSample } from './misclassified'

export interface ClassificationInput {
  readonly classes: readonly string[]
  /** True class index of each sample. */
  readonly labels: ArrayLike<number>
  /** Predicted class index of each sample; or give `scores`. */
  readonly predicted?: ArrayLike<number>
  /** Output rows (samples × classes), row-major; predictions are their argmax. */
  readonly scores?: ArrayLike<number>
  /** How many misclassified samples to keep (most confident first); default 100. */
  readonly misclassifiedLimit?: number
  /** Also store every sample's prediction (and confidence, with scores) for drill-down. */
  readonly includePredictions?: boolean
}

export interface ClassificationEvaluation {
  readonly kind: 'classification'
  readonly classes: string[]
  readonly total: number
  /** 正解数: samples whose prediction equals the label (trace of the confusion matrix). */
  readonly correct: number
  /** correct / total; 0 for an empty set. */
  readonly accuracy: number
  /** confusion[true][predicted]. */
  readonly confusion: ConfusionMatrix
  readonly perClass: ClassMetrics[]
  readonly macro: MacroAverages
  /** Number of misclassified samples (all of them, not only those listed). */
  readonly misclassifiedCount: number
  readonly misclassified: MisclassifiedSample[]
  /** Present with includePredictions. */
  readonly predictions?: number[]
  /** Present with includePredictions and scores; null where the score was not finite. */
  readonly confidences?: (number | null)[]
}

export const DEFAULT_MISCLASSIFIED_LIMIT = 100

export function evaluateClassification(input: ClassificationInput): ClassificationEvaluation {
  const { classes, labels, scores } = input
  const classCount = classes.length
  if (classCount < 1) throw new EvaluationError('evaluateClassification: no class names were given')
  let predicted: ArrayLike<number>
  let confidence: Float64Array | undefined
  if (scores) {
    if (scores.length !== labels.length * classCount) {
      throw new EvaluationError(
        `evaluateClassification: expected ${labels.length} samples × ${classCount} classes = ` +
          `${labels.length * classCount} scores, got ${scores.length}`,
      )
    }
    const p = argmaxRows({ data: scores, classCount })
    if (input.predicted) {
      for (let i = 0; i < p.predicted.length; i++) {
        if (input.predicted.length !== p.predicted.length || input.predicted[i] !== p.predicted[i]) {
          throw new EvaluationError(
            `evaluateClassification: prediction ${input.predicted[i]} of sample ${i} is not the argmax ` +
              `${p.predicted[i]} of its scores; pass scores or predictions, not both`,
          )
        }
      }
    }
    predicted = p.predicted
    confidence = p.confidence
  } else if (input.predicted) {
    predicted = input.predicted
  } else {
    throw new EvaluationError('evaluateClassification: give the predicted classes or the score rows')
  }
  checkLabels('evaluateClassification', labels, predicted, classCount)
  const confusion = confusionMatrix(labels, predicted, classCount)
  const correct = correctCount(confusion)
  const total = labels.length
  const perClass = perClassMetrics(confusion, classes)
  const misclassified = misclassifiedSamples({
    labels,
    predicted,
    scores,
    classCount,
    limit: input.misclassifiedLimit ?? DEFAULT_MISCLASSIFIED_LIMIT,
  })
  const evaluation: ClassificationEvaluation = {
    kind: 'classification',
    classes: [...classes],
    total,
    correct,
    accuracy: total > 0 ? correct / total : 0,
    confusion,
    perClass,
    macro: macroAverages(perClass),
    misclassifiedCount: total - correct,
    misclassified,
  }
  if (!input.includePredictions) return evaluation
  return {
    ...evaluation,
    predictions: Array.from(predicted),
    ...(confidence ? { confidences: Array.from(confidence, (v) => (Number.isFinite(v) ? v : null)) } : {}),
  }
}
