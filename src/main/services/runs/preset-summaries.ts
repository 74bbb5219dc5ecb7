import { loadPresetCatalog } from '../../../shared/experiment'
import type { PresetSummary } from '../../../shared/ipc/lab-types'
import { readPresetFiles } from './presets'

/**
 * The presets as the Home view's cards show them, in file-name order: each experiment as its file
 * holds it (what "open" loads into the editor) with its model spec resolved (a preset model's name
 * replaced by the spec it names, defaults filled and layers named). The whole catalogue is validated
 * first, so a broken preset file is one PresetError listing every problem.
 */
export async function listPresetSummaries(dir: string): Promise<PresetSummary[]> {
  const files = await readPresetFiles(dir)
  const catalog = loadPresetCatalog(files)
  return [...catalog.presets.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((preset) => ({
      id: preset.name,
      name: preset.experiment.name,
      description: preset.description,
      task: preset.experiment.task.kind,
      experiment: files.experiments[preset.name],
      model: preset.model,
    }))
}
