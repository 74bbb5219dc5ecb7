import { npzToStateDict, type ParsedModelSpec, stateDictToNpz } from '../../../engine'
import type { ParsedExperiment } from '../../../shared/experiment'
import type { RunFolder, RunStore } from '../runs'
import { LectureInteropError } from './errors'
import { lectureLayout } from './layout'
import { readLectureWeights, writeLectureWeights, type WriteLectureOptions } from './lecture-files'

/**
 * Runs ↔ the lecture's dat folder:
 *
 *   importLectureRun   BP-*.npz (trained by the lecture's DL.py) → a new finished run whose
 *                      weights.npz holds them, with the experiment (its model written out in full) so
 *                      that `dllab eval` and `dllab figures` work on it as on a run trained here
 *   exportLectureRun   a run's weights.npz → BP-*.npz, so the lecture's Predict() loads them
 */
export interface ImportLectureOptions {
  store: RunStore
  /** The lecture's dat folder. */
  datDir: string
  /** The experiment the weights were trained with (a preset's, e.g. lecture-dl). */
  experiment: ParsedExperiment
  /** Its model spec (resolved when the experiment names a preset model). */
  model: ParsedModelSpec
  /** The run's name (default: "<experiment name>, imported from <datDir>"). */
  name?: string
}

export interface ImportedRun {
  run: RunFolder
  /** The files read, in layer order. */
  files: string[]
}

export async function importLectureRun(options: ImportLectureOptions): Promise<ImportedRun> {
  const { store, datDir, experiment, model } = options
  const layout = lectureLayout(model)
  const weights = await readLectureWeights(datDir, layout)
  const run = await store.create(experiment, {
    model,
    name: options.name ?? `${experiment.name}, imported from ${datDir}`,
  })
  await run.writeWeights(stateDictToNpz(weights))
  await run.writeState({ status: 'finished', epoch: 0, step: 0 })
  return { run, files: layout.map((e) => e.file) }
}

export interface ExportLectureOptions extends WriteLectureOptions {
  run: RunFolder
  /** The run's model spec. */
  model: ParsedModelSpec
  /** The lecture's dat folder to write into. */
  datDir: string
}

export async function exportLectureRun(options: ExportLectureOptions): Promise<string[]> {
  const { run, model, datDir } = options
  const layout = lectureLayout(model)
  let bytes: Uint8Array
  try {
    bytes = await run.readWeights()
  } catch (error) {
    throw new LectureInteropError(
      `run ${run.id} has no weights.npz to export (it has not finished training); ` +
        `resume it with \`dllab resume ${run.id}\` first`,
      { cause: error },
    )
  }
  const { tensors } = npzToStateDict(bytes)
  return writeLectureWeights(datDir, layout, tensors, {
    ...(options.overwrite !== undefined ? { overwrite: options.overwrite } : {}),
  })
}
