import { lstat, mkdir, readdir, realpath, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  type MetricsLine,
  parseExperiment,
  type ParsedExperiment,
  type RunStatus,
  type TaskKind,
} from '../../../shared/experiment'
import { describeFsError, fsErrorParams } from '../errors'
import { isInside } from '../folder-access'
import { NotARunError, RunNotFoundError, RunStoreError } from './errors'
import { RunFolder } from './run-folder'
import { isRunId, newRunId } from './run-id'

/**
 * The runs of a workspace, `<workspace>/runs/<id>/`: create, list (newest first), get, rename,
 * delete. Each run is a RunFolder (run-folder.ts) holding plain files in open formats.
 *
 * Deleting is confined to the workspace: the id must be a run id (no separators, no `..`), and the
 * folder's real path must lie inside the real runs folder (a symbolic link leading out is refused).
 */
export interface RunSummary {
  id: string
  name: string
  /** ISO 8601 */
  created: string
  task: TaskKind
  experimentName: string
  status: RunStatus
  reason?: string
  /** The last line of metrics.jsonl, if any. */
  lastMetrics?: MetricsLine
  latestCheckpoint?: string
  dir: string
}

export interface RunStoreOptions {
  now?: () => Date
  /** Six hex digits for new ids (tests make ids predictable). */
  random?: () => string
}

export interface CreateRunOptions {
  /** Human-readable name (default: the experiment's name). */
  name?: string
  /**
   * The resolved model when the experiment names a preset model: experiment.json then holds the
   * model itself, so the run does not depend on the presets staying the same.
   */
  model?: unknown
}

const MAX_NAME = 200

function checkName(name: string): string {
  const trimmed = name.trim()
  if (trimmed === '' || trimmed.length > MAX_NAME || [...trimmed].some((ch) => ch.charCodeAt(0) < 0x20)) {
    throw new RunStoreError(
      `a run name must be 1–${MAX_NAME} characters without control characters, got ${JSON.stringify(name)}`,
    )
  }
  return trimmed
}

export class RunStore {
  readonly runsDir: string
  private readonly now: () => Date
  private readonly random: (() => string) | undefined

  constructor(
    readonly workspace: string,
    options: RunStoreOptions = {},
  ) {
    this.runsDir = join(resolve(workspace), 'runs')
    this.now = options.now ?? (() => new Date())
    this.random = options.random
  }

  /**
   * Creates runs/<id>/ with run.json, experiment.json (defaults filled; a preset model name replaced
   * by options.model) and state.json (queued).
   */
  async create(experiment: unknown, options: CreateRunOptions = {}): Promise<RunFolder> {
    let parsed: ParsedExperiment = parseExperiment(experiment)
    if (typeof parsed.model === 'string' && options.model !== undefined) {
      parsed = parseExperiment({ ...parsed, model: options.model })
    }
    const name = checkName(options.name ?? parsed.name)
    try {
      await mkdir(this.runsDir, { recursive: true })
    } catch (error) {
      throw new RunStoreError(`cannot create ${this.runsDir} in the workspace: ${describeFsError(error)}`, {
        cause: error,
        code: 'workspace-not-writable',
        params: { path: this.runsDir, ...fsErrorParams(error) },
      })
    }
    const created = this.now()
    const id = newRunId(created, this.random?.())
    const dir = join(this.runsDir, id)
    try {
      await mkdir(dir)
    } catch (error) {
      throw new RunStoreError(`cannot create the run folder ${dir}: ${describeFsError(error)}`, {
        cause: error,
        code: 'workspace-not-writable',
        params: { path: dir, ...fsErrorParams(error) },
      })
    }
    const run = new RunFolder(id, dir, this.now)
    await run.writeExperiment(parsed)
    await run.writeInfo({
      id,
      name,
      created: created.toISOString(),
      task: parsed.task.kind,
      experimentName: parsed.name,
    })
    await run.writeState({ status: 'queued' })
    return run
  }

  /** The run folder of `id` (it must exist). */
  async open(id: string): Promise<RunFolder> {
    const dir = this.dirOf(id)
    try {
      if (!(await lstat(dir)).isDirectory()) {
        throw new RunNotFoundError(`run ${id} is not a folder`, {
          code: 'run-not-found',
          params: { runId: id },
        })
      }
    } catch (error) {
      if (error instanceof RunNotFoundError) throw error
      throw new RunNotFoundError(`no run ${id} in ${this.runsDir}`, {
        cause: error,
        code: 'run-not-found',
        params: { runId: id },
      })
    }
    return new RunFolder(id, dir, this.now)
  }

  async get(id: string): Promise<RunSummary> {
    return this.summarise(await this.open(id))
  }

  /** Every run, newest first. Folders that are not runs are left out. */
  async list(): Promise<RunSummary[]> {
    let names: string[]
    try {
      names = await readdir(this.runsDir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new RunStoreError(`cannot list ${this.runsDir}: ${describeFsError(error)}`, { cause: error })
    }
    const summaries: RunSummary[] = []
    for (const id of names.filter(isRunId)) {
      const run = new RunFolder(id, join(this.runsDir, id), this.now)
      try {
        summaries.push(await this.summarise(run))
      } catch (error) {
        if (error instanceof NotARunError) continue
        if (!(error instanceof RunStoreError)) throw error
        summaries.push(this.damaged(run, error.message))
      }
    }
    return summaries.sort((a, b) => (a.created === b.created ? cmp(b.id, a.id) : cmp(b.created, a.created)))
  }

  async rename(id: string, name: string): Promise<RunSummary> {
    const run = await this.open(id)
    const info = await run.readInfo()
    await run.writeInfo({ ...info, name: checkName(name) })
    return this.summarise(run)
  }

  /** Deletes runs/<id>/ and everything in it; only inside this workspace's runs folder. */
  async delete(id: string): Promise<void> {
    const dir = this.dirOf(id)
    let real: string
    let root: string
    try {
      const stats = await lstat(dir)
      if (stats.isSymbolicLink() || !stats.isDirectory()) {
        throw new RunStoreError(`run ${id} is not a folder inside ${this.runsDir}; it was not deleted`)
      }
      real = await realpath(dir)
      root = await realpath(this.runsDir)
    } catch (error) {
      if (error instanceof RunStoreError) throw error
      throw new RunNotFoundError(`no run ${id} in ${this.runsDir}`, {
        cause: error,
        code: 'run-not-found',
        params: { runId: id },
      })
    }
    if (real === root || !isInside(root, real)) {
      throw new RunStoreError(`run ${id} lies outside ${this.runsDir}; it was not deleted`)
    }
    await rm(real, { recursive: true, force: true })
  }

  private dirOf(id: string): string {
    if (!isRunId(id)) {
      throw new RunNotFoundError(`'${id}' is not a run id (like 20251127-200850123-3f9a0c)`)
    }
    return join(this.runsDir, id)
  }

  private async summarise(run: RunFolder): Promise<RunSummary> {
    const info = await run.readInfo()
    const state = await run.readState()
    const metrics = await run.readMetrics()
    const latest = await run.latestCheckpoint()
    return {
      id: run.id,
      name: info.name,
      created: info.created,
      task: info.task,
      experimentName: info.experimentName,
      status: state?.status ?? 'queued',
      ...(state?.reason !== undefined ? { reason: state.reason } : {}),
      ...(metrics.length > 0 ? { lastMetrics: metrics.at(-1)! } : {}),
      ...(latest !== undefined ? { latestCheckpoint: latest } : {}),
      dir: run.dir,
    }
  }

  /** A run whose files cannot be read: listed as failed with the reason, so the user can delete it. */
  private damaged(run: RunFolder, reason: string): RunSummary {
    return {
      id: run.id,
      name: run.id,
      created: '',
      task: 'classify',
      experimentName: '',
      status: 'failed',
      reason,
      dir: run.dir,
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
