/**
 * A run's results, Electron-free: its figures with their numbers (the CLI's `dllab figures` and the
 * app draw the same SVGs), its evaluation now (`dllab eval`), the samples of a confusion-matrix cell,
 * feature maps of one sample, and the lecture's im2col picture of a convolution.
 */
export { ResultsError } from './errors'
export type { ResultsContext } from './run-context'
export { absoluteData, type EvalSet, loadRunData, type RunDataOptions } from './run-data'
export { loadRunNetwork, type RunNetwork } from './run-network'
export { type EvaluateRunOptions, evaluateRun, type RunEvaluation } from './evaluate-run'
export { buildRunFigures, type RunFiguresOptions } from './figures/run-figures'
export { type TileNormalisation } from './figures/weight-figures'
export { toCsv } from './figures/figure-numbers'
export { ResultsService, type ResultsServiceOptions } from './results-service'
export { presetModelResolver } from './preset-models'
export { im2colView, type Im2colInput } from './im2col-view'
