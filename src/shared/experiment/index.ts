/**
 * Experiments ("dllab.experiment/1"): the schema, parsing with readable errors, presets, the
 * model-to-data fit check, and the types of a run folder's files. Shared by the UI, main, worker and CLI.
 */
export * from './schema'
export {
  defaultLoss,
  parseExperiment,
  safeParseExperiment,
  type ExperimentParseResult,
  type ParsedExperiment,
  type ParsedTraining,
} from './parse'
export { ExperimentError, ExperimentSpecError, PresetError, type ExperimentIssue } from './errors'
export { expectedDataShape, modelFitIssues, networkSampleShape, type DataShape } from './compat'
export { loadPresetCatalog, resolveModel, type Preset, type PresetCatalog, type PresetFiles } from './presets'
export { experimentJsonSchema } from './json-schema'
export * from './run-format'
