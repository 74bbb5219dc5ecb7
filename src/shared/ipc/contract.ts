import { z } from 'zod'
import { type Language, languages } from '../languages'
import type { TrainingEvent, TrainingEventType, TrainingRunInfo } from '../training/events'
import type { ListedChannel, ListedEvent } from './channels'
import type { MessageParams, ScanProblemCode } from './message-codes'
import type {
  ConfusionCell,
  DatasetInspection,
  FeatureMapsView,
  Im2colView,
  PresetSummary,
  RunDetail,
  RunFigures,
} from './lab-types'

export { channelNames, eventNames } from './channels'
export type { IpcResult } from './result'
export { IpcError, unwrapResult } from './result'
export type * from './lab-types'

/**
 * The one typed IPC contract. Each channel names its request schema (zod, validated by every
 * handler in main and in web mode) and its response type. The main-process handlers, the preload's
 * `window.api` and the web-mode bridge are all derived from this map: adding a channel is one entry
 * here plus its service.
 */
const channel =
  <Response>() =>
  <Request extends z.ZodType>(request: Request) => ({ request, response: undefined as unknown as Response })

export interface AppInfo {
  name: string
  version: string
  /** 'electron' in the desktop app, 'web' when served by `npm run web`. */
  host: 'electron' | 'web'
  platform: string
}

export { languages, type Language }

export interface Settings {
  /** Folder that holds runs/<id>/ …; absolute path. */
  workspace: string
  language: Language
  /** How many training processes run at once (later runs wait in the queue); 1 … 16. */
  trainingProcesses: number
}

export interface DirectoryEntry {
  name: string
  path: string
}

export interface DirectoryListing {
  path: string
  /** null at a filesystem root. */
  parent: string | null
  /** Sub-folders only, sorted in natural order; hidden folders left out. */
  folders: DirectoryEntry[]
}

export interface ClassSummary {
  name: string
  imageCount: number
  /** A few PNG thumbnails as data: URLs (decoded by sharp in the service). */
  thumbnails: string[]
}

export interface ScanProblem {
  /** Path relative to the scanned root. */
  path: string
  /** What is wrong, for the screen's language (message-codes.ts); `reason` says it in English. */
  code: ScanProblemCode
  params?: MessageParams
  reason: string
}

export interface FolderScan {
  root: string
  classes: ClassSummary[]
  totalImages: number
  problems: ScanProblem[]
}

const absolutePath = z.string().min(1).max(4096)
/** A run folder's id, e.g. 20251127-200850123-3f9a0c. */
const runId = z
  .string()
  .regex(/^\d{8}-\d{9}-[0-9a-f]{6}$/, { error: 'must be a run id like 20251127-200850123-3f9a0c' })
const runRequest = z.object({ runId }).strict()
const index = z.number().int().min(0).max(10_000_000)
/** An SVG figure sent back for PNG rendering: at most 64 MB (tiles embed PNG images). */
const svgText = z
  .string()
  .min(1)
  .max(64 * 1024 * 1024)

export const ipcContract = {
  'app.info': channel<AppInfo>()(z.object({}).strict()),
  'settings.get': channel<Settings>()(z.object({}).strict()),
  'settings.update': channel<Settings>()(
    z
      .object({
        workspace: absolutePath.optional(),
        language: z.enum(languages).optional(),
        trainingProcesses: z.number().int().min(1).max(16).optional(),
      })
      .strict(),
  ),
  /** Native folder dialog (Electron). In web mode the renderer uses its folder browser instead. */
  'folders.pick': channel<{ path: string | null }>()(
    z.object({ title: z.string().max(200).optional() }).strict(),
  ),
  /** Lists sub-folders, for the web-mode folder browser. No path: the user's home folder. */
  'folders.list': channel<DirectoryListing>()(z.object({ path: absolutePath.optional() }).strict()),
  /** Scans a folder the user picked as class folders: root/<class>/<images>. */
  'datasets.scanFolder': channel<FolderScan>()(z.object({ path: absolutePath }).strict()),
  /**
   * Training (src/main/supervisor): start a run of an experiment (validated by the experiment schema
   * in main; data paths must be absolute and, in the desktop app, lie in folders the user chose), list
   * the workspace's runs, and control one. Progress arrives as events (IpcEvents below).
   */
  'training.start': channel<TrainingRunInfo>()(
    z.object({ experiment: z.unknown(), name: z.string().min(1).max(200).optional() }).strict(),
  ),
  'training.list': channel<TrainingRunInfo[]>()(z.object({}).strict()),
  'training.pause': channel<TrainingRunInfo>()(runRequest),
  /** After a pause; a paused run without workers (after a restart) continues from its checkpoints. */
  'training.resume': channel<TrainingRunInfo>()(runRequest),
  /** Checkpoint, then stop: the run can be resumed with training.resumeRun. */
  'training.cancel': channel<TrainingRunInfo>()(runRequest),
  /** Stop at once, without a checkpoint of the last position (earlier checkpoints stay). */
  'training.kill': channel<TrainingRunInfo>()(runRequest),
  /** Continue a paused, cancelled or failed run from its last checkpoints. */
  'training.resumeRun': channel<TrainingRunInfo>()(runRequest),

  /** The lecture's exercises (resources/presets), for the Home view's cards. */
  'presets.list': channel<PresetSummary[]>()(z.object({}).strict()),
  /**
   * A dataset source before training: built-in MNIST, IDX or CIFAR files, a class folder (validated
   * by the experiment schema's source and preprocess in main; paths must lie in chosen folders).
   */
  'datasets.inspect': channel<DatasetInspection>()(
    z
      .object({
        source: z.unknown(),
        preprocess: z.unknown().optional(),
        previewCount: z.number().int().min(1).max(16).optional(),
      })
      .strict(),
  ),

  /** A run's experiment, model, metrics and evaluation.json. */
  'runs.detail': channel<RunDetail>()(runRequest),
  /** Every figure of a run as `dllab figures` draws it, with its numbers. */
  'runs.figures': channel<RunFigures>()(
    z
      .object({
        runId,
        /** Weight tiles: each tile on its own range, or one range for all (default tile). */
        normalise: z.enum(['tile', 'global']).optional(),
        /** The language of titles, axes, legends and notes (default en). */
        language: z.enum(languages).optional(),
      })
      .strict(),
  ),
  /** The samples of one confusion-matrix cell with their confidences (most confident first). */
  'runs.confusionCell': channel<ConfusionCell>()(
    z
      .object({
        runId,
        label: index,
        predicted: index,
        /** Multi-stage runs: "finetune" or "scratch" (default: the run's own evaluation). */
        stage: z.string().min(1).max(100).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ),
  /** Feature maps of one sample of the evaluated set at each layer. */
  'runs.featureMaps': channel<FeatureMapsView>()(
    z
      .object({
        runId,
        sample: index,
        /** The language of the maps' titles and captions (default en). */
        language: z.enum(languages).optional(),
      })
      .strict(),
  ),
  /** The im2col picture (X', F, U' = F X') of a convolution layer for a patch of a real input. */
  'runs.im2col': channel<Im2colView>()(
    z
      .object({
        runId,
        layer: z.string().min(1).max(100),
        sample: index,
        /** Top-left output position of the patch and its size (default 2 × 2 positions). */
        y: index,
        x: index,
        size: z.number().int().min(1).max(4).optional(),
      })
      .strict(),
  ),

  /** An SVG figure as PNG at 1×/2×/3×, rendered by the same renderPng the CLI uses (base64). */
  'figures.png': channel<{ base64: string }>()(
    z.object({ svg: svgText, scale: z.union([z.literal(1), z.literal(2), z.literal(3)]) }).strict(),
  ),
  /**
   * Saves an export through the native save dialog (desktop app): the path written, or null when the
   * user cancels. Web mode answers with an error: the browser downloads the file instead.
   */
  'export.save': channel<{ path: string | null }>()(
    z
      .object({
        defaultName: z.string().min(1).max(255),
        encoding: z.enum(['utf8', 'base64']),
        content: z.string().max(96 * 1024 * 1024),
      })
      .strict(),
  ),
  /** A run's report (settings, curves, evaluation, figures, fingerprint) as one standalone HTML page. */
  'report.html': channel<{ name: string; html: string }>()(runRequest),
  /** The report as an HTML folder (index.html + figures/) inside a chosen folder: the folder written. */
  'report.saveHtml': channel<{ path: string }>()(z.object({ runId, folder: absolutePath }).strict()),
  /** The report as PDF via printToPDF and a save dialog (desktop app; web mode prints in the browser). */
  'report.savePdf': channel<{ path: string | null }>()(runRequest),
} as const

export type IpcContract = typeof ipcContract
export type ChannelName = keyof IpcContract
export type RequestOf<C extends ChannelName> = z.infer<IpcContract[C]['request']>
export type ResponseOf<C extends ChannelName> = IpcContract[C]['response']

/** The renderer-facing API: one async function per channel. window.api and the web bridge implement it. */
export type DlLabApi = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>>
}

/** Events pushed to the renderer: name → payload. */
export type IpcEvents = {
  [T in TrainingEventType as `training.${T}`]: Extract<TrainingEvent, { type: T }>
}
export type EventName = keyof IpcEvents

/** Compile-time check: channels.ts lists exactly the channels of ipcContract (no more, no fewer). */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
type _ChannelListIsComplete = Assert<SameSet<ChannelName, ListedChannel>>
type _EventListIsComplete = Assert<SameSet<EventName, ListedEvent>>
