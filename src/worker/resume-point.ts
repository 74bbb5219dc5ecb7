import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../main/services/atomic-write'
import { formatMetricsLines, type RunFolder } from '../main/services/runs'
import type { MetricsLine } from '../shared/experiment'
import { decodeCheckpoint } from './training'

/**
 * Where a resumed job starts: its latest checkpoint, with the run folder brought back to that moment.
 * A worker killed mid-epoch (SIGKILL, out of memory, a power cut) may have appended metrics lines
 * after its last checkpoint, and left temporary files of an interrupted atomic write; the metrics
 * after the checkpoint are cut (the resumed run writes them again, so metrics.jsonl comes out as an
 * uninterrupted run's) and the temporary files removed.
 */
export class ResumeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

export interface ResumePoint {
  /** The checkpoint's file name. */
  name: string
  bytes: Uint8Array
  /** Metrics lines removed because they came after the checkpoint. */
  trimmed: number
}

/**
 * The lines of metrics.jsonl up to the checkpoint of `stage` at `step`: a line of that stage past
 * the step, or of another stage after that stage's lines (a later stage), ends the kept part.
 * Unlabelled lines belong to the single stage "train".
 */
export function linesUpTo(lines: readonly MetricsLine[], stage: string, step: number): MetricsLine[] {
  let seenStage = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if ((line.stage ?? 'train') === stage) {
      if (line.step > step) return lines.slice(0, i)
      seenStage = true
    } else if (seenStage) {
      return lines.slice(0, i)
    }
  }
  return [...lines]
}

async function removeTemporaryFiles(folder: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return
  }
  await Promise.all(
    names.filter((n) => /^\..+\.tmp$/.test(n)).map((n) => rm(join(folder, n), { force: true })),
  )
}

export async function prepareResume(output: RunFolder): Promise<ResumePoint> {
  const name = await output.latestCheckpoint()
  if (name === undefined) {
    throw new ResumeError(
      `run ${output.id} has no checkpoint in ${output.checkpointsDir} to resume from; start it again instead`,
    )
  }
  const bytes = await output.readCheckpoint(name)
  const { meta } = decodeCheckpoint(bytes)
  await removeTemporaryFiles(output.dir)
  await removeTemporaryFiles(output.checkpointsDir)
  const lines = await output.readMetrics()
  const kept = linesUpTo(lines, meta.stage, meta.step)
  if (kept.length < lines.length) {
    await writeFileAtomic(output.file('metrics.jsonl'), formatMetricsLines(kept))
  }
  return { name, bytes, trimmed: lines.length - kept.length }
}

/** A job trained again from the start (no checkpoint) begins with an empty metrics.jsonl. */
export async function resetMetrics(output: RunFolder): Promise<void> {
  if ((await output.readMetrics()).length === 0) return
  await writeFileAtomic(output.file('metrics.jsonl'), '')
}
