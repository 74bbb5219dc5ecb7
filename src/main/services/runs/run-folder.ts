import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  checkpointName,
  compareCheckpoints,
  type CheckpointPosition,
  type EvaluationFile,
  type MetricsLine,
  parseCheckpointName,
  parseExperiment,
  type ParsedExperiment,
  RUN_INFO_FORMAT,
  RUN_STATE_FORMAT,
  type RunInfo,
  runInfoSchema,
  type RunState,
  runStateSchema,
} from '../../../shared/experiment'
import { writeFileAtomic } from '../atomic-write'
import { describeFsError } from '../errors'
import { NotARunError, RunStoreError } from './errors'
import { formatMetricsLines, MetricsFormatError, parseMetrics } from './metrics-file'

/**
 * One run folder, `<workspace>/runs/<id>/` (docs/formats.md):
 *
 *   run.json  state.json  experiment.json  metrics.jsonl  weights.npz  evaluation.json
 *   checkpoints/epoch-<e>.npz, epoch-<e>-batch-<b>.npz     figures/     stages/<name>/ (sub-runs)
 *
 * Every write is atomic (a temporary file in the same folder, flushed, then renamed over the target),
 * so a reader or a crash never sees half a file. Appending to metrics.jsonl rewrites the file the same
 * way; appends to one file are serialised within the process (one writer process per run: its worker).
 * A RunFolder is what the trainer writes through (it satisfies src/worker/training's RunOutput).
 */
const writeQueues = new Map<string, Promise<unknown>>()

/** Runs `task` after every earlier task queued for the same file (in this process). */
function serialised<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = writeQueues.get(file) ?? Promise.resolve()
  const next = previous.then(task, task)
  const tail = next.catch(() => undefined)
  writeQueues.set(file, tail)
  void tail.then(() => {
    if (writeQueues.get(file) === tail) writeQueues.delete(file)
  })
  return next
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new RunStoreError(`cannot read ${file}: ${describeFsError(error)}`, { cause: error })
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new RunStoreError(`${file} is not valid JSON: ${(error as Error).message}`)
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

export type StateUpdate = Omit<RunState, 'format' | 'updated'>

export class RunFolder {
  constructor(
    readonly id: string,
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  file(name: string): string {
    return join(this.dir, name)
  }

  get checkpointsDir(): string {
    return join(this.dir, 'checkpoints')
  }

  get figuresDir(): string {
    return join(this.dir, 'figures')
  }

  /** A sub-run folder (stages/<name>/) with the same files: one channel's autoencoder, a comparison. */
  child(name: string): RunFolder {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(name)) {
      throw new RunStoreError(
        `run ${this.id}: sub-run name must be 1–32 letters, digits, _ or -, got '${name}'`,
      )
    }
    return new RunFolder(`${this.id}/${name}`, join(this.dir, 'stages', name), this.now)
  }

  // ── run.json, state.json, experiment.json ──────────────────────────────────────────────────────

  async readInfo(): Promise<RunInfo> {
    const file = this.file('run.json')
    const text = await readText(file)
    if (text === undefined) throw new NotARunError(`run ${this.id} has no run.json; it is not a run folder`)
    const parsed = runInfoSchema.safeParse(parseJson(file, text))
    if (!parsed.success) throw new RunStoreError(`${file} is damaged: ${parsed.error.issues[0]!.message}`)
    return parsed.data
  }

  async writeInfo(info: Omit<RunInfo, 'format'>): Promise<void> {
    await this.write('run.json', json({ format: RUN_INFO_FORMAT, ...info }))
  }

  /** The run's state; undefined when none was written yet. */
  async readState(): Promise<RunState | undefined> {
    const file = this.file('state.json')
    const text = await readText(file)
    if (text === undefined) return undefined
    const parsed = runStateSchema.safeParse(parseJson(file, text))
    if (!parsed.success) throw new RunStoreError(`${file} is damaged: ${parsed.error.issues[0]!.message}`)
    return parsed.data
  }

  async writeState(state: StateUpdate): Promise<RunState> {
    const full: RunState = { format: RUN_STATE_FORMAT, ...state, updated: this.now().toISOString() }
    await this.write('state.json', json(full))
    return full
  }

  async readExperiment(): Promise<ParsedExperiment> {
    const file = this.file('experiment.json')
    const text = await readText(file)
    if (text === undefined) throw new RunStoreError(`run ${this.id} has no experiment.json`)
    return parseExperiment(parseJson(file, text))
  }

  async writeExperiment(experiment: ParsedExperiment): Promise<void> {
    await this.write('experiment.json', json(experiment))
  }

  // ── metrics.jsonl ──────────────────────────────────────────────────────────────────────────────

  /** Appends lines atomically (the file is rewritten through a temporary file and a rename). */
  async appendMetrics(lines: readonly MetricsLine[]): Promise<void> {
    if (lines.length === 0) return
    const file = this.file('metrics.jsonl')
    await serialised(file, async () => {
      const text = (await readText(file)) ?? ''
      const { complete } = this.parseMetricsText(text)
      await writeFileAtomic(file, complete + formatMetricsLines(lines))
    })
  }

  async readMetrics(): Promise<MetricsLine[]> {
    const text = await readText(this.file('metrics.jsonl'))
    return text === undefined ? [] : this.parseMetricsText(text).lines
  }

  private parseMetricsText(text: string): ReturnType<typeof parseMetrics> {
    try {
      return parseMetrics(text, this.file('metrics.jsonl'))
    } catch (error) {
      if (error instanceof MetricsFormatError) throw new RunStoreError(error.message)
      throw error
    }
  }

  // ── checkpoints, weights, evaluation ───────────────────────────────────────────────────────────

  async writeCheckpoint(position: CheckpointPosition, bytes: Uint8Array): Promise<string> {
    const name = checkpointName(position)
    await writeFileAtomic(join(this.checkpointsDir, name), bytes)
    return name
  }

  /** Checkpoint file names, oldest first. */
  async listCheckpoints(): Promise<string[]> {
    let names: string[]
    try {
      names = await readdir(this.checkpointsDir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new RunStoreError(`cannot list ${this.checkpointsDir}: ${describeFsError(error)}`)
    }
    return names
      .map((name) => ({ name, position: parseCheckpointName(name) }))
      .filter((c): c is { name: string; position: Required<CheckpointPosition> } => c.position !== undefined)
      .sort((a, b) => compareCheckpoints(a.position, b.position))
      .map((c) => c.name)
  }

  async latestCheckpoint(): Promise<string | undefined> {
    return (await this.listCheckpoints()).at(-1)
  }

  async readCheckpoint(name: string): Promise<Uint8Array> {
    if (!parseCheckpointName(name)) {
      throw new RunStoreError(`run ${this.id}: '${name}' is not a checkpoint name (epoch-<n>.npz)`)
    }
    return this.readBytes(join(this.checkpointsDir, name))
  }

  async writeWeights(bytes: Uint8Array): Promise<void> {
    await this.write('weights.npz', bytes)
  }

  async readWeights(): Promise<Uint8Array> {
    return this.readBytes(this.file('weights.npz'))
  }

  async writeEvaluation(evaluation: EvaluationFile): Promise<void> {
    await this.write('evaluation.json', json(evaluation))
  }

  async readEvaluation(): Promise<EvaluationFile | undefined> {
    const file = this.file('evaluation.json')
    const text = await readText(file)
    return text === undefined ? undefined : (parseJson(file, text) as EvaluationFile)
  }

  private async readBytes(file: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(file))
    } catch (error) {
      throw new RunStoreError(`run ${this.id}: cannot read ${file}: ${describeFsError(error)}`, {
        cause: error,
      })
    }
  }

  private async write(name: string, data: string | Uint8Array): Promise<void> {
    const file = this.file(name)
    await serialised(file, () => writeFileAtomic(file, data))
  }
}
