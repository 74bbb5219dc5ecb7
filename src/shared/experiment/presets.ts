import { checkModelSpec, type ParsedModelSpec } from '../../engine'
import { expectedDataShape, modelFitIssues } from './compat'
import { ExperimentSpecError, PresetError } from './errors'
import { type ParsedExperiment, safeParseExperiment } from './parse'
import { PRESET_NAME_PATTERN } from './schema'

/**
 * The preset catalogue: the lecture's experiments (and more) shipped as JSON files,
 *
 *   resources/presets/<name>.json         one experiment spec each, with a description of its source
 *   resources/presets/models/<name>.json  model specs that experiments name ("model": "lenet5")
 *
 * This module only validates: it gets the parsed JSON (shared code runs in the renderer too and has no
 * file system; src/main/services/runs/presets.ts reads the files). Every experiment must validate,
 * have a description, name an existing model that fits its data, and every model must pass shape
 * inference; all problems are collected into one PresetError.
 */
export interface PresetFiles {
  /** File name without .json → parsed JSON. */
  experiments: Readonly<Record<string, unknown>>
  models: Readonly<Record<string, unknown>>
}

export interface Preset {
  name: string
  description: string
  experiment: ParsedExperiment
  /** The model, resolved when the experiment names a preset model. */
  model: ParsedModelSpec
}

export interface PresetCatalog {
  readonly presets: ReadonlyMap<string, Preset>
  readonly models: ReadonlyMap<string, ParsedModelSpec>
}

/** The model of an experiment: its inline spec, or the preset model it names. */
export function resolveModel(
  experiment: ParsedExperiment,
  models: ReadonlyMap<string, ParsedModelSpec>,
): ParsedModelSpec {
  if (typeof experiment.model !== 'string') return experiment.model
  const model = models.get(experiment.model)
  if (!model) {
    const known = [...models.keys()].sort().join(', ')
    throw new PresetError(
      `experiment '${experiment.name}': no preset model named '${experiment.model}'; known models: ${known || 'none'}`,
    )
  }
  return model
}

function checkName(kind: string, name: string): string | undefined {
  return PRESET_NAME_PATTERN.test(name)
    ? undefined
    : `${kind} file '${name}.json': the name must be lower-case letters, digits and -`
}

function loadModels(files: PresetFiles['models'], problems: string[]): Map<string, ParsedModelSpec> {
  const models = new Map<string, ParsedModelSpec>()
  for (const [name, json] of Object.entries(files)) {
    const bad = checkName('preset model', name)
    if (bad) {
      problems.push(bad)
      continue
    }
    const check = checkModelSpec(json)
    if (check.ok) models.set(name, check.spec)
    else problems.push(`preset model '${name}': ${check.error.message}`)
  }
  return models
}

function loadPreset(
  name: string,
  json: unknown,
  models: ReadonlyMap<string, ParsedModelSpec>,
): Preset | string {
  const bad = checkName('preset', name)
  if (bad) return bad
  const parsed = safeParseExperiment(json)
  if (!parsed.ok) return `preset '${name}': ${new ExperimentSpecError(parsed.issues).message}`
  const experiment = parsed.experiment
  if (!experiment.description?.trim()) {
    return `preset '${name}': needs a description saying where it comes from`
  }
  let model: ParsedModelSpec
  try {
    model = resolveModel(experiment, models)
  } catch (error) {
    if (error instanceof PresetError) return `preset '${name}': ${error.message}`
    throw error
  }
  const shape = expectedDataShape(experiment.data)
  const fit = shape ? modelFitIssues(model, experiment.task, shape) : []
  if (fit.length > 0) return `preset '${name}': ${fit[0]!.message}`
  return { name, description: experiment.description, experiment, model }
}

/** Validates every preset file; throws one PresetError listing every problem. */
export function loadPresetCatalog(files: PresetFiles): PresetCatalog {
  const problems: string[] = []
  const models = loadModels(files.models, problems)
  const presets = new Map<string, Preset>()
  for (const [name, json] of Object.entries(files.experiments)) {
    const preset = loadPreset(name, json, models)
    if (typeof preset === 'string') problems.push(preset)
    else presets.set(name, preset)
  }
  if (problems.length > 0) {
    throw new PresetError(
      `${problems.length} preset problem${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`,
    )
  }
  return { presets, models }
}
