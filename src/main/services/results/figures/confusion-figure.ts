import type { ClassificationEvaluation } from '../../../../shared/evaluation'
import { buildConfusionMatrixSvg, type FigureText, type Fingerprint } from '../../../../shared/figures'
import type { RunFigure } from '../../../../shared/ipc/lab-types'
import { toCsv } from './figure-numbers'

/**
 * The confusion matrix (混合行列, rows = true class, columns = predicted, as the lecture's Predict()
 * prints it) with the correct count. The numbers: the matrix with its class names, one CSV row per
 * true class, and as JSON with the correct count, total, accuracy and `split` (the set's English name,
 * whatever the figure's language: the numbers are for programs).
 */
export function confusionFigure(
  classification: ClassificationEvaluation,
  split: { en: string; shown: string },
  fingerprint: Fingerprint,
  words: FigureText,
): RunFigure {
  const { classes, confusion } = classification
  const title = words.confusionTitle(split.shown)
  return {
    name: 'confusion-matrix',
    title,
    svg: buildConfusionMatrixSvg({ title, matrix: confusion, classes, fingerprint, labels: words.confusion }),
    csv: toCsv(
      ['true \\ predicted', ...classes],
      confusion.map((row, i) => [classes[i]!, ...row]),
    ),
    json: {
      split: split.en,
      classes,
      confusion,
      correct: classification.correct,
      total: classification.total,
      accuracy: classification.accuracy,
    },
  }
}
