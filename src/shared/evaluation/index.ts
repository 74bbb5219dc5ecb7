/**
 * Evaluation of a trained network as plain JSON-serialisable data (a run's evaluation.json):
 * classification (confusion matrix, 正解数, accuracy, per-class precision / recall / F1,
 * misclassified samples) and reconstruction error for autoencoders. Pure functions: they run in
 * the renderer, workers, the CLI and tests alike.
 */
export { EvaluationError } from './errors'
export { argmaxRows, type Predictions, type ScoreRows } from './predictions'
export { type ConfusionMatrix, confusionMatrix, correctCount, samplesInCell, totalCount } from './confusion'
export { type ClassMetrics, type MacroAverages, macroAverages, perClassMetrics } from './per-class'
export { type MisclassifiedOptions, type MisclassifiedSample, misclassifiedSamples } from './misclassified'
export {
  type ClassificationEvaluation,
  type ClassificationInput,
  DEFAULT_MISCLASSIFIED_LIMIT,
  evaluateClassification,
} from './classification'
export {
  type ReconstructionEvaluation,
  type ReconstructionInput,
  reconstructionError,
} from './reconstruction'
export { finalScores64 } from './final-scores'
