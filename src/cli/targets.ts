import { readFile, stat } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import type { ParsedModelSpec } from '../engine'
import { EXPERIMENT_FORMAT, parseExperiment, type ParsedExperiment, type Preset } from '../shared/experiment'
import type { CliContext } from './context'
import { CliError } from './errors'

/**
 * What EXPERIMENT|PRESET and SPEC|PRESET arguments name: a JSON file (an experiment, or for inspect
 * also a model spec), or a preset from resources/presets (`dllab presets` lists them). A name is a
 * file when such a file exists or it looks like a path (ends in .json, holds a slash).
 */
async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

const looksLikePath = (ref: string): boolean => ref.endsWith('.json') || /[\\/]/.test(ref)

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'it does not exist' : (error as Error).message}`,
    )
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`)
  }
}

export interface ExperimentTarget {
  experiment: ParsedExperiment
  model: ParsedModelSpec
  /** Folder that relative data paths are relative to: the experiment file's, or the working folder. */
  baseDir: string
  /** The preset, when a preset was named. */
  preset?: Preset
}

async function presetNamed(ctx: CliContext, ref: string, kind: string): Promise<Preset> {
  const catalog = await ctx.presets()
  const preset = catalog.presets.get(ref)
  if (!preset) {
    throw new CliError(
      `no ${kind} file or preset named '${ref}'; the presets are ${[...catalog.presets.keys()].join(', ')}`,
    )
  }
  return preset
}

export async function loadExperimentTarget(ctx: CliContext, ref: string): Promise<ExperimentTarget> {
  const path = ctx.path(ref)
  if ((await isFile(path)) || looksLikePath(ref)) {
    const experiment = parseExperiment(await readJsonFile(path))
    return { experiment, model: await ctx.modelOf(experiment), baseDir: dirname(path) }
  }
  const preset = await presetNamed(ctx, ref, 'experiment')
  return { experiment: preset.experiment, model: preset.model, baseDir: ctx.io.cwd, preset }
}

/** A model spec to inspect (unparsed: inspect reports the engine's own message for a bad one). */
export async function loadModelTarget(
  ctx: CliContext,
  ref: string,
): Promise<{ spec: unknown; label: string }> {
  const path = ctx.path(ref)
  if ((await isFile(path)) || looksLikePath(ref)) {
    const json = await readJsonFile(path)
    if ((json as { format?: unknown } | null)?.format === EXPERIMENT_FORMAT) {
      const experiment = parseExperiment(json)
      return { spec: await ctx.modelOf(experiment), label: `${path} (experiment '${experiment.name}')` }
    }
    return { spec: json, label: path }
  }
  const catalog = await ctx.presets()
  const preset = catalog.presets.get(ref)
  if (preset) return { spec: preset.model, label: `preset ${ref}` }
  const model = catalog.models.get(ref)
  if (model) return { spec: model, label: `preset model ${ref}` }
  throw new CliError(
    `no model spec file or preset named '${ref}'; the presets are ${[...catalog.presets.keys()].join(', ')}`,
  )
}

/** A data path of an experiment, absolute (the training worker runs in its own working folder). */
export function absoluteFrom(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path)
}
