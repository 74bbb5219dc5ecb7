import type { ParsedModelSpec } from '../../../engine'
import { type ParsedExperiment, type PresetCatalog, resolveModel } from '../../../shared/experiment'
import { loadPresets } from '../runs'
import { ResultsError } from './errors'

/**
 * The model of an experiment: inline (experiment.json of a run started by the app holds it), or the
 * preset model it names, from resources/presets read once (again after a failure).
 */
export function presetModelResolver(
  presetsDir: string | undefined,
): (experiment: ParsedExperiment) => Promise<ParsedModelSpec> {
  let catalog: Promise<PresetCatalog> | undefined
  return async (experiment) => {
    if (typeof experiment.model !== 'string') return experiment.model
    if (presetsDir === undefined) {
      throw new ResultsError(
        `experiment '${experiment.name}' names the preset model '${experiment.model}', but no preset ` +
          'catalogue is available here; put the model spec in the experiment',
      )
    }
    catalog ??= loadPresets(presetsDir)
    try {
      return resolveModel(experiment, (await catalog).models)
    } catch (error) {
      catalog = undefined
      throw error
    }
  }
}
