import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  loadPresetCatalog,
  PresetError,
  type PresetCatalog,
  type PresetFiles,
} from '../../../shared/experiment'

/**
 * Reads the preset files (resources/presets/*.json and resources/presets/models/*.json) and hands the
 * parsed JSON to the shared validator (src/shared/experiment/presets.ts). A file that is not valid
 * JSON is a PresetError naming the file.
 */
export const PRESETS_FOLDER = join('resources', 'presets')

/** The presets folder of an installed app or a checkout, from its root folder. */
export function presetsDir(appRoot: string): string {
  return join(appRoot, PRESETS_FOLDER)
}

async function readJsonFolder(folder: string): Promise<Record<string, unknown>> {
  const entries = await readdir(folder, { withFileTypes: true })
  const names = entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => e.name)
    .sort()
  const out: Record<string, unknown> = {}
  for (const file of names) {
    const text = await readFile(join(folder, file), 'utf8')
    try {
      out[file.slice(0, -'.json'.length)] = JSON.parse(text) as unknown
    } catch (error) {
      throw new PresetError(
        `preset file ${join(folder, file)} is not valid JSON: ${(error as Error).message}`,
      )
    }
  }
  return out
}

export async function readPresetFiles(dir: string): Promise<PresetFiles> {
  try {
    return { experiments: await readJsonFolder(dir), models: await readJsonFolder(join(dir, 'models')) }
  } catch (error) {
    if (error instanceof PresetError) throw error
    throw new PresetError(`cannot read the presets in ${dir}: ${(error as Error).message}`)
  }
}

/** Reads and validates every preset; throws a PresetError listing every problem. */
export async function loadPresets(dir: string): Promise<PresetCatalog> {
  return loadPresetCatalog(await readPresetFiles(dir))
}
