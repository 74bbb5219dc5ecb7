import { Conv2dLayer } from '../../../engine'
import type { ParsedModelSpec } from '../../../engine'
import type { ParsedExperiment } from '../../../shared/experiment'
import { type FigureLanguage, type Fingerprint, figureText } from '../../../shared/figures'
import type {
  ConfusionCell,
  FeatureMapsView,
  Im2colView,
  RunDetail,
  RunFigures,
} from '../../../shared/ipc/lab-types'
import type { TrainingRunInfo } from '../../../shared/training'
import { type RunFolder, RunNotFoundError, RunStore } from '../runs'
import { checkSample, confusionCellOf, scoredSample } from './confusion-cell'
import { ResultsError } from './errors'
import { featureMapLayers, forwardSample } from './feature-maps'
import { buildRunFigures, type RunFiguresOptions } from './figures/run-figures'
import { im2colView } from './im2col-view'
import { type LoadedRun, LoadedRuns } from './loaded-runs'
import { presetModelResolver } from './preset-models'
import type { ResultsContext } from './run-context'
import { loadRunData } from './run-data'
import { folderRunInfo, runDetail } from './run-detail'
import { loadRunNetwork } from './run-network'
import { sampleDrawing, sampleImageUrl } from './sample-image'

/**
 * The results of the workspace's runs for the app (IPC handlers, web mode): detail, figures with
 * their numbers, confusion-matrix cells, feature maps and im2col. Runs are named by id and opened in
 * the current workspace only (RunStore.open refuses anything that is not a run id there). The last
 * two runs looked at stay loaded (loaded-runs.ts).
 */
export interface ResultsServiceOptions {
  /** The workspace, asked on every request so a changed setting is followed. */
  workspace: () => string | Promise<string>
  /** The model of an experiment that names a preset (default: from `presetsDir`, or an error). */
  modelOf?: (experiment: ParsedExperiment) => Promise<ParsedModelSpec>
  /** resources/presets, for experiments that name a preset model (when no modelOf is given). */
  presetsDir?: string
  /** Runs kept in memory (default 2). */
  cacheSize?: number
}

export class ResultsService {
  private readonly modelOf: (experiment: ParsedExperiment) => Promise<ParsedModelSpec>
  private readonly loaded: LoadedRuns
  private loadedWorkspace: string | undefined

  constructor(private readonly options: ResultsServiceOptions) {
    this.modelOf = options.modelOf ?? presetModelResolver(options.presetsDir)
    this.loaded = new LoadedRuns((runId, stage) => this.load(runId, stage), options.cacheSize ?? 2)
  }

  /** `live`: the supervisor's info when it knows the run (its jobs, progress). */
  async detail(runId: string, live?: TrainingRunInfo): Promise<RunDetail> {
    const { ctx, store, run } = await this.open(runId)
    return runDetail(ctx, run, live ?? (await folderRunInfo(store, runId)))
  }

  async figures(runId: string, options: RunFiguresOptions = {}): Promise<RunFigures> {
    const { ctx, run } = await this.open(runId)
    return buildRunFigures(ctx, run, options)
  }

  async confusionCell(request: {
    runId: string
    label: number
    predicted: number
    stage?: string
    limit?: number
  }): Promise<ConfusionCell> {
    const run = await this.loadedRun(request.runId, request.stage)
    const kind = run.net.experiment.task.kind
    if (kind !== 'classify' && kind !== 'pretrain-stack') {
      throw new ResultsError(`run ${request.runId} (${kind}) is not a classifier; it has no confusion matrix`)
    }
    return confusionCellOf(run, await this.loaded.classified(run), request)
  }

  /** `language`: of the maps' titles and captions (default en). */
  async featureMaps(request: {
    runId: string
    sample: number
    language?: FigureLanguage
  }): Promise<FeatureMapsView> {
    const run = await this.loadedRun(request.runId)
    checkSample(run, request.runId, request.sample)
    const kind = run.net.experiment.task.kind
    const index = request.sample
    const sample =
      kind === 'classify' || kind === 'pretrain-stack'
        ? scoredSample(run, await this.loaded.classified(run), index)
        : { index, image: sampleImageUrl(run.set, index, run.drawing), label: run.set.labels[index]! }
    const words = figureText(request.language)
    const fingerprint = { ...this.fingerprint(request.runId, run), seedLabel: words.seed }
    return { sample, layers: featureMapLayers(run, index, fingerprint, words) }
  }

  async im2col(request: {
    runId: string
    layer: string
    sample: number
    y: number
    x: number
    size?: number
  }): Promise<Im2colView> {
    const run = await this.loadedRun(request.runId)
    const { model, network } = run.net
    const spec = model.layers.find((l) => l.name === request.layer)
    const convolutions = model.layers.filter((l) => l.type === 'conv2d').map((l) => l.name)
    const list = convolutions.length > 0 ? `its convolutions are ${convolutions.join(', ')}` : 'it has none'
    if (!spec) {
      throw new ResultsError(`run ${request.runId}'s model has no layer '${request.layer}'; ${list}`)
    }
    const layer = network.layers.find((l) => l.name === request.layer)
    if (spec.type !== 'conv2d' || !(layer instanceof Conv2dLayer)) {
      throw new ResultsError(`layer '${request.layer}' is not a convolution (it is ${spec.type}); ${list}`)
    }
    checkSample(run, request.runId, request.sample)
    const pass = forwardSample(run, request.sample, (l) => l === layer).at(-1)!
    return im2colView({
      layer: layer.name,
      sampleIndex: request.sample,
      x: pass.input,
      geometry: layer.geometry,
      weights: layer.weight.value.data,
      ...(layer.bias ? { bias: layer.bias.value.data } : {}),
      filters: layer.filters,
      output: pass.output,
      patch: { y: request.y, x: request.x, size: request.size ?? 2 },
    })
  }

  /** The results context of the current workspace. */
  private async context(): Promise<{ ctx: ResultsContext; store: RunStore }> {
    const workspace = await this.options.workspace()
    if (this.loadedWorkspace !== workspace) {
      this.loaded.clear()
      this.loadedWorkspace = workspace
    }
    return { ctx: { modelOf: this.modelOf, workspace }, store: new RunStore(workspace) }
  }

  private async open(runId: string): Promise<{ ctx: ResultsContext; store: RunStore; run: RunFolder }> {
    const { ctx, store } = await this.context()
    try {
      return { ctx, store, run: await store.open(runId) }
    } catch (error) {
      if (error instanceof RunNotFoundError) {
        throw new ResultsError(`unknown run ${runId}: there is no such run in ${store.runsDir}`, {
          cause: error,
          code: 'run-not-found',
          params: { runId },
        })
      }
      throw error
    }
  }

  private async loadedRun(runId: string, stage?: string): Promise<LoadedRun> {
    await this.context()
    return this.loaded.get(runId, stage)
  }

  private async load(runId: string, stage: string | undefined): Promise<LoadedRun> {
    const { ctx, run } = await this.open(runId)
    const net = await loadRunNetwork(ctx, run, stage)
    const { set } = await loadRunData(ctx, net.experiment)
    return { net, set, drawing: sampleDrawing(set, net.model, net.experiment) }
  }

  private fingerprint(runId: string, run: LoadedRun): Fingerprint {
    return { runId, seed: run.net.experiment.training.seed }
  }
}
