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
import type { TrainingRunInfo } from '../../../shared/training/events'
import type { ApiEvents } from '../api/events'
import { createFakeDatasets } from './fake-datasets'
import { createFakePresets } from './fake-presets'
import { createFakeResults } from './fake-results'
import { createFakeTraining } from './fake-training'

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
  const saved: Settings = {
    ...(options.settings ?? { workspace: '/home/user/DL Lab', language: 'en', trainingProcesses: 2 }),
  }
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
          problems.push({ path: `${name}/${file}`, code: 'not-an-image', reason: 'not a valid image' })
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
    const processes = change.trainingProcesses
    if (processes !== undefined && !(Number.isInteger(processes) && processes >= 1 && processes <= 16)) {
      throw new Error(`trainingProcesses must be an integer from 1 to 16 (got ${processes})`)
    }
    Object.assign(saved, change)
    return { ...saved }
  }

  // ── training (fake-training.ts) and events ──────────────────────────────────────────────────────
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const reconnectListeners = new Set<() => void>()

  function emit<E extends EventName>(event: E, payload: IpcEvents[E]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(structuredClone(payload))
  }

  const {
    handlers: trainingHandlers,
    listRuns,
    finishRun,
    failRun,
  } = createFakeTraining(options.concurrency ?? 1, emit)

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
    ...trainingHandlers,
    ...createFakePresets(),
    ...createFakeDatasets({ files, scan }),
    ...createFakeResults({ runs: listRuns, host: options.host ?? 'web' }),
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
