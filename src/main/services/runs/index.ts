/** The run store: `<workspace>/runs/<id>/` folders, and the preset files. */
export { RunStore, type RunSummary, type RunStoreOptions, type CreateRunOptions } from './run-store'
export { RunFolder, type StateUpdate } from './run-folder'
export { idleRunInfo, RESUMABLE_STATUSES } from './run-info'
export { newRunId, isRunId, RUN_ID_PATTERN } from './run-id'
export { RunStoreError, RunNotFoundError, NotARunError } from './errors'
export { parseMetrics, formatMetricsLines, MetricsFormatError, type ParsedMetrics } from './metrics-file'
export { loadPresets, readPresetFiles, presetsDir, PRESETS_FOLDER } from './presets'
