import type { RunStatus, TaskKind } from '../../../shared/experiment'
import type {
  AppInfo,
  ChannelName,
  ClassSummary,
  DirectoryListing,
  DlLabApi,
  EventName,
  FolderScan,
  IpcEvents,
  Language,
  RequestOf,
  ScanProblem,
  Settings,
} from '../../../shared/ipc/contract'
import type { TrainingJobStatus, TrainingRunInfo } from '../../../shared/training/events'
import type { ApiEvents } from '../api/events'

/** A file in the fake file system: a readable image, an image file that cannot be decoded, other. */
export type FakeFile = 'image' | 'corrupt' | 'text'
export interface FakeFolder {
  [name: string]: FakeFolder | FakeFile
}

export interface FakeApiOptions {
  host?: AppInfo['host']
  /** The file system below '/'. */
  files?: FakeFolder
  home?: string
  settings?: Settings
  /** What the native folder dialog answers (desktop host). */
  picked?: string | null
  /** How many runs train at once; later runs wait in the queue (default 1). */
  concurrency?: number
}

export interface FakeApi extends DlLabApi, ApiEvents {
  /** Every request received, in order. */
  readonly calls: { channel: ChannelName; request: unknown }[]
  /** What the fake service has saved. */
  readonly saved: Settings
  /** The next request on `channel` fails with `message`, as the service would. */
  failNext(channel: ChannelName, message: string): void
  /** The next request on `channel` waits until the returned function is called. */
  hold(channel: ChannelName): () => void
  /** Pushes an event to the subscribers, as main does (training.state is also sent on each change). */
  emit<E extends EventName>(event: E, payload: IpcEvents[E]): void
  /** The connection came back (web mode): runs the onReconnect callbacks. */
  reconnect(): void
  /** A running run's worker completes its training (the next queued run starts). */
  finishRun(runId: string): TrainingRunInfo
  /** A queued or running run's worker fails with `reason`. */
  failRun(runId: string, reason: string): TrainingRunInfo
  /** The runs as training.list answers, newest first. */
  readonly runs: () => TrainingRunInfo[]
}

interface FakeRun {
  runId: string
  name: string
  task: TaskKind
  created: string
  status: RunStatus
  reason?: string
  /** A worker lives (running, or paused in memory): it holds one of the `concurrency` slots. */
  worker: boolean
  /** Paused while it waited in the queue: it goes back to the queue on resume. */
  held: boolean
}

/** Messages of the supervisor (src/main/supervisor), so views show what the app would. */
const CANCELLED = 'cancelled by the user'
const KILLED = 'stopped at once (kill), without a checkpoint of the last position'
const RESUMABLE: readonly RunStatus[] = ['paused', 'cancelled', 'failed']
const TASKS: readonly TaskKind[] = ['classify', 'autoencode', 'pretrain-stack', 'per-channel-autoencode']

/** An Error whose name the caller sees as the service's error class (ApiError.remoteName). */
function serviceError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}

const imagePattern = /\.(png|jpe?g|gif|webp|bmp|tiff?)$/i
const languages: readonly Language[] = ['en', 'ja']
const byName = new Intl.Collator('en', { numeric: true }).compare

/**
 * A DlLabApi test double with real behaviour over an in-memory file system: it lists folders,
 * scans class folders (counting images, reporting undecodable files), keeps and validates settings,
 * and fails or holds requests on demand. Store tests run against it instead of a server.
 *
 * Training follows the supervisor's rules over an in-memory run list: start queues a run and starts
 * it when a slot is free; pause, resume, cancel, kill and resumeRun change a run's state or fail as the
 * supervisor does (pausing a finished run is a RunStateError, an unknown id an UnknownRunError), and
 * each change is pushed as a training.state event to the subscribers (`on`), like main's events.
 */
export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const files = options.files ?? {}
  const home = options.home ?? '/'
  const saved: Settings = { ...(options.settings ?? { workspace: '/home/user/DL Lab', language: 'en' }) }
  const calls: FakeApi['calls'] = []
  const failures = new Map<ChannelName, string>()
  const holds = new Map<ChannelName, Promise<void>>()

  function folderAt(path: string): FakeFolder {
    if (!path.startsWith('/')) throw new Error(`Not an absolute path: ${path}`)
    let node: FakeFolder | FakeFile = files
    for (const part of path.split('/').filter(Boolean)) {
      const next: FakeFolder | FakeFile | undefined = typeof node === 'string' ? undefined : node[part]
      if (next === undefined) throw new Error(`Folder not found: ${path}`)
      node = next
    }
    if (typeof node === 'string') throw new Error(`Not a folder: ${path}`)
    return node
  }

  const join = (folder: string, name: string) => (folder === '/' ? `/${name}` : `${folder}/${name}`)
  const parentOf = (path: string) => (path === '/' ? null : path.slice(0, path.lastIndexOf('/')) || '/')
  const subfolders = (folder: FakeFolder) =>
    Object.keys(folder)
      .filter((name) => typeof folder[name] === 'object' && !name.startsWith('.'))
      .sort(byName)

  function list(path: string): DirectoryListing {
    const folder = folderAt(path)
    const folders = subfolders(folder).map((name) => ({ name, path: join(path, name) }))
    return { path, parent: parentOf(path), folders }
  }

  function scan(root: string): FolderScan {
    const folder = folderAt(root)
    const classNames = subfolders(folder)
    if (classNames.length === 0) {
      throw new Error(`${root} has no class folders: put each class's images in its own sub-folder.`)
    }
    const problems: ScanProblem[] = []
    const classes: ClassSummary[] = classNames.map((name) => {
      const members = folder[name] as FakeFolder
      const images: string[] = []
      for (const file of Object.keys(members).sort(byName)) {
        if (members[file] === 'image' && imagePattern.test(file)) images.push(file)
        if (members[file] === 'corrupt')
          problems.push({ path: `${name}/${file}`, reason: 'not a valid image' })
      }
      const thumbnails = images.slice(0, 4).map((file) => `data:image/png;base64,${btoa(`${name}/${file}`)}`)
      return { name, imageCount: images.length, thumbnails }
    })
    const totalImages = classes.reduce((sum, c) => sum + c.imageCount, 0)
    return { root, classes, totalImages, problems }
  }

  function update(change: RequestOf<'settings.update'>): Settings {
    if (change.language !== undefined && !languages.includes(change.language)) {
      throw new Error(`Unknown language: ${change.language}`)
    }
    if (change.workspace !== undefined) folderAt(change.workspace)
    Object.assign(saved, change)
    return { ...saved }
  }

  // ── training ─────────────────────────────────────────────────────────────────────────────────────
  const concurrency = options.concurrency ?? 1
  const runs = new Map<string, FakeRun>()
  const queue: FakeRun[] = []
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const reconnectListeners = new Set<() => void>()
  let runCount = 0

  function emit<E extends EventName>(event: E, payload: IpcEvents[E]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(structuredClone(payload))
  }

  function jobStatus(run: FakeRun): TrainingJobStatus {
    if (run.held) return 'held'
    return run.status
  }

  function describe(run: FakeRun): TrainingRunInfo {
    const position = queue.indexOf(run)
    return {
      runId: run.runId,
      name: run.name,
      task: run.task,
      created: run.created,
      status: run.status,
      ...(run.reason !== undefined ? { reason: run.reason } : {}),
      active: run.worker,
      resumable: RESUMABLE.includes(run.status) && !run.worker,
      ...(position >= 0 ? { queuePosition: position + 1 } : {}),
      jobs: [
        { job: 'train', status: jobStatus(run), ...(run.reason !== undefined ? { reason: run.reason } : {}) },
      ],
    }
  }

  function changed(run: FakeRun): void {
    emit('training.state', { type: 'state', run: describe(run) })
  }

  /** Starts queued runs, first come first served, while slots are free. */
  function pump(): void {
    const busy = () => [...runs.values()].filter((r) => r.worker).length
    while (queue.length > 0 && busy() < concurrency) {
      const run = queue.shift() as FakeRun
      run.status = 'running'
      run.worker = true
      changed(run)
      // The others moved up in the queue.
      for (const waiting of queue) changed(waiting)
    }
  }

  function enqueue(run: FakeRun): void {
    run.status = 'queued'
    run.reason = undefined
    run.held = false
    queue.push(run)
    changed(run)
    pump()
  }

  function runById(runId: string): FakeRun {
    const run = runs.get(runId)
    if (!run) throw serviceError('UnknownRunError', `no run ${runId} in the workspace`)
    return run
  }

  /** Queued, paused or running: the supervisor still controls it. */
  const training = (run: FakeRun) => run.worker || run.held || queue.includes(run)

  function activeRun(runId: string, action: string): FakeRun {
    const run = runById(runId)
    if (!training(run)) {
      throw serviceError('RunStateError', `cannot ${action} run ${runId}: it is not training (${run.status})`)
    }
    return run
  }

  function settle(run: FakeRun, status: RunStatus, reason?: string): TrainingRunInfo {
    const at = queue.indexOf(run)
    if (at >= 0) queue.splice(at, 1)
    run.status = status
    run.reason = reason
    run.worker = false
    run.held = false
    changed(run)
    pump()
    return describe(run)
  }

  function start(request: RequestOf<'training.start'>): TrainingRunInfo {
    const experiment = request.experiment as { name?: unknown; task?: { kind?: unknown } } | null
    if (typeof experiment !== 'object' || experiment === null) {
      throw serviceError(
        'ValidationError',
        'experiment: must be a JSON object with format, name, data, model, task and training',
      )
    }
    if (typeof experiment.name !== 'string' || experiment.name === '') {
      throw serviceError('ValidationError', 'experiment.name: must be a string')
    }
    const kind = experiment.task?.kind ?? 'classify'
    const task = TASKS.find((t) => t === kind)
    if (!task)
      throw serviceError(
        'ValidationError',
        `experiment.task: must be an object whose kind is one of ${TASKS.join(', ')}`,
      )
    runCount += 1
    const created = new Date(Date.UTC(2025, 0, 1, 12, 0, 0, runCount))
    const run: FakeRun = {
      runId: `20250101-120000${String(runCount % 1000).padStart(3, '0')}-${runCount.toString(16).padStart(6, '0')}`,
      name: request.name ?? experiment.name,
      task,
      created: created.toISOString(),
      status: 'queued',
      worker: false,
      held: false,
    }
    runs.set(run.runId, run)
    enqueue(run)
    return describe(run)
  }

  function pause(runId: string): TrainingRunInfo {
    const run = activeRun(runId, 'pause')
    if (run.status === 'paused') return describe(run)
    const at = queue.indexOf(run)
    if (at >= 0) {
      queue.splice(at, 1)
      run.held = true
    }
    run.status = 'paused'
    run.reason = undefined
    changed(run)
    return describe(run)
  }

  function resume(runId: string): TrainingRunInfo {
    const run = runById(runId)
    if (!training(run)) return resumeRun(runId)
    if (run.status !== 'paused') return describe(run)
    if (run.worker) {
      run.status = 'running'
      changed(run)
    } else enqueue(run)
    return describe(run)
  }

  function resumeRun(runId: string): TrainingRunInfo {
    const run = runById(runId)
    if (training(run)) {
      if (run.status === 'paused') return resume(runId)
      throw serviceError('RunStateError', `run ${runId} is ${run.status}; it is already training`)
    }
    if (run.status === 'finished') {
      throw serviceError('RunStateError', `run ${runId} is finished; start a new run to train again`)
    }
    enqueue(run)
    return describe(run)
  }

  function finishRun(runId: string): TrainingRunInfo {
    const run = runById(runId)
    if (!run.worker || run.status !== 'running')
      throw new Error(`fake: run ${runId} is not running (${run.status})`)
    return settle(run, 'finished')
  }

  function failRun(runId: string, reason: string): TrainingRunInfo {
    const run = runById(runId)
    if (!training(run)) throw new Error(`fake: run ${runId} is not training (${run.status})`)
    return settle(run, 'failed', reason)
  }

  /** Newest first, as the run store lists them. */
  const listRuns = () => [...runs.values()].reverse().map(describe)

  const events: ApiEvents = {
    on(event, callback) {
      const listener = callback as (payload: unknown) => void
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
    onReconnect(callback) {
      const listener = () => callback()
      reconnectListeners.add(listener)
      return () => {
        reconnectListeners.delete(listener)
      }
    },
  }

  const handlers: { [C in ChannelName]: (request: RequestOf<C>) => unknown } = {
    'app.info': () => ({
      name: 'DL Lab',
      version: '0.0.0-test',
      host: options.host ?? 'web',
      platform: 'linux',
    }),
    'settings.get': () => ({ ...saved }),
    'settings.update': update,
    'folders.pick': () => ({ path: options.picked ?? null }),
    'folders.list': (request) => list(request.path ?? home),
    'datasets.scanFolder': (request) => scan(request.path),
    'training.start': start,
    'training.list': listRuns,
    'training.pause': (request) => pause(request.runId),
    'training.resume': (request) => resume(request.runId),
    'training.cancel': (request) => settle(activeRun(request.runId, 'cancel'), 'cancelled', CANCELLED),
    'training.kill': (request) => settle(activeRun(request.runId, 'kill'), 'cancelled', KILLED),
    'training.resumeRun': (request) => resumeRun(request.runId),
  }

  async function call(channel: ChannelName, request: unknown): Promise<unknown> {
    calls.push({ channel, request })
    // A hold or failure set up before this request applies to it, however long it waits.
    const held = holds.get(channel)
    const failure = failures.get(channel)
    holds.delete(channel)
    failures.delete(channel)
    if (held) await held
    if (failure !== undefined) throw new Error(failure)
    const handler = handlers[channel] as (request: unknown) => unknown
    // Answer on a later tick, as a real round trip does, and hand out copies, as serialisation does.
    await Promise.resolve()
    return structuredClone(handler(request))
  }

  const api = Object.fromEntries(
    (Object.keys(handlers) as ChannelName[]).map((channel) => [channel, (r: unknown) => call(channel, r)]),
  ) as DlLabApi

  return Object.assign(api, events, {
    calls,
    saved,
    emit,
    reconnect() {
      for (const listener of [...reconnectListeners]) listener()
    },
    finishRun,
    failRun,
    runs: listRuns,
    failNext(channel: ChannelName, message: string) {
      failures.set(channel, message)
    },
    hold(channel: ChannelName) {
      let release = () => {}
      holds.set(channel, new Promise<void>((resolve) => (release = resolve)))
      return () => release()
    },
  })
}
