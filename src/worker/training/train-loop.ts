import {
  BatchBuffer,
  type Loss,
  type Optimizer,
  type Parameter,
  type Rng,
  type Sampler,
  type Shape,
  trainStep,
} from '../../engine'
import type { MetricsLine } from '../../shared/experiment'
import { type CheckpointContents, type EpochSums, encodeCheckpoint, restoreParameters } from './checkpoint'
import { type TrainingControl, yieldToEventLoop } from './control'
import { type EvalSet, measure } from './evaluate'
import type { LayerStack } from './layer-stack'
import { ProgressThrottle, SpeedMeter } from './progress'
import { countCorrect, perSampleSum, type Targets } from './targets'
import { type RunOutput, type TrainingCallbacks, TrainingError, type TrainingPreview } from './types'

/**
 * One training stage: epochs of minibatch steps over a sampler, the lecture's loop generalised.
 *
 *   per step   indices = sampler.next() → x, t → trainStep (forward, loss, backward, update)
 *              → running sums → progress (≤ 10/s) → [a 'step' metrics line every logEverySteps]
 *   per epoch  a test pass (inference mode) → one 'epoch' metrics line → preview → checkpoint every
 *              checkpointEvery epochs and after the last
 *
 * Losses in metrics are per sample: the mean over the epoch's samples of the loss of a batch of one
 * (for sse, ½‖y − t‖²; softmax-cross-entropy, −log p_label); trainLossSum adds the batch losses as the
 * loss returns them (for sse with batch 1 that is half the lecture's printed `error`). Train accuracy
 * scores each batch's outputs before its update, as the epoch goes.
 *
 * Between steps the loop checks the control: cancelled → write a checkpoint of the exact position
 * (sampler, Rng, optimizer, running sums) and return 'cancelled'; paused → wait. It yields to the
 * event loop every ~20 ms so the host's messages arrive. Resuming from a checkpoint restores all of it:
 * the remaining steps, metrics and weights are bit-identical to an uninterrupted run.
 */
const YIELD_EVERY_MS = 20
/**
 * Step lines (logEverySteps) are written at least this often, not only at the end of an epoch, so a
 * reader of metrics.jsonl (the Train view after a reload) sees the current epoch's steps too.
 */
const STEP_FLUSH_MS = 1000

export interface TrainSet {
  x: Float32Array
  sampleShape: Shape
  /** For train accuracy (classifiers). */
  labels?: Int32Array
  targets: Targets
}

export interface Stage {
  name: string
  index: number
  /** Put the stage name in metrics lines (multi-stage tasks). */
  labelled: boolean
  network: LayerStack
  /** Everything a checkpoint must hold to resume: the whole model's and the stage's own parameters. */
  params: readonly Parameter[]
  runtimeRng: Rng
  loss: Loss
  optimizer: Optimizer
  sampler: Sampler
  epochs: number
  seed: number
  train: TrainSet
  test?: EvalSet
  evalBatchSize: number
  checkpointEvery: number
  logEverySteps?: number
  output: RunOutput
  preview?: (epoch: number) => TrainingPreview | undefined
}

export interface LoopEnv {
  callbacks: TrainingCallbacks
  control: TrainingControl
  now: () => number
}

export interface StageOutcome {
  status: 'finished' | 'cancelled'
  epoch: number
  step: number
  checkpoint?: string
  lastMetrics?: MetricsLine
}

const zeroSums = (): EpochSums => ({ samples: 0, lossSum: 0, rawLossSum: 0, correct: 0, seconds: 0 })

function restore(stage: Stage, resume: CheckpointContents): { step: number; sums: EpochSums } {
  const meta = resume.meta
  if (meta.stage !== stage.name || meta.seed !== stage.seed) {
    throw new TrainingError(
      `the checkpoint was written by stage '${meta.stage}' with seed ${meta.seed}, this is stage ` +
        `'${stage.name}' with seed ${stage.seed}; resume with the run's own experiment`,
    )
  }
  if (meta.optimizer.name !== stage.optimizer.name) {
    throw new TrainingError(
      `the checkpoint holds ${meta.optimizer.name} state, the experiment uses ${stage.optimizer.name}`,
    )
  }
  restoreParameters(stage.params, resume.weights)
  stage.optimizer.loadStateDict(resume.optimizer)
  stage.sampler.setState(meta.sampler)
  stage.runtimeRng.setState(meta.runtimeRng)
  return { step: meta.step, sums: { ...meta.sums } }
}

class StageRun {
  private step = 0
  private sums = zeroSums()
  private segmentStart = 0
  private lastYield = 0
  private pendingSteps: MetricsLine[] = []
  private lastFlush = 0
  private lastCheckpoint: string | undefined
  private lastMetrics: MetricsLine | undefined
  private readonly throttle: ProgressThrottle
  private readonly speed: SpeedMeter
  private readonly totalSteps: number

  constructor(
    private readonly stage: Stage,
    private readonly env: LoopEnv,
    resume: CheckpointContents | undefined,
  ) {
    if (resume) ({ step: this.step, sums: this.sums } = restore(stage, resume))
    this.throttle = new ProgressThrottle(env.now)
    this.speed = new SpeedMeter(env.now)
    this.totalSteps = stage.epochs * stage.sampler.batchesPerEpoch
  }

  async run(): Promise<StageOutcome> {
    const { stage, env } = this
    const { sampler, train, network, loss, optimizer } = stage
    const buffer = new BatchBuffer(Math.min(sampler.batchSize, sampler.samplesPerEpoch), train.sampleShape)
    this.lastYield = this.lastFlush = env.now()
    while (sampler.epoch < stage.epochs) {
      const epoch = sampler.epoch
      this.segmentStart = env.now()
      while (sampler.epoch === epoch) {
        if (await this.interrupted()) return this.cancel()
        const indices = sampler.next()
        const x = buffer.gather(train.x, indices)
        const value = trainStep(network, loss, optimizer, x, train.targets.batch(indices, x))
        const n = indices.length
        if (!Number.isFinite(value)) {
          throw new TrainingError(
            `stage '${stage.name}': the loss became ${value} at epoch ${epoch + 1}, step ${this.step + 1}; ` +
              `the weights diverged: lower the learning rate`,
          )
        }
        this.sums.samples += n
        this.sums.lossSum += perSampleSum(loss.name, value, n)
        this.sums.rawLossSum += value
        if (train.labels) this.sums.correct += countCorrect(network.lastOutput!, train.labels, indices)
        this.step++
        this.speed.add(n)
        this.report(epoch)
        if (this.pendingSteps.length > 0 && env.now() - this.lastFlush >= STEP_FLUSH_MS)
          await this.flushSteps()
      }
      this.closeSegment()
      await this.endEpoch(epoch + 1)
    }
    await this.flushSteps()
    return this.outcome('finished')
  }

  /** Yields now and then, waits while paused; true when cancelled. */
  private async interrupted(): Promise<boolean> {
    const { control, now } = this.env
    if (now() - this.lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop()
      this.lastYield = now()
    }
    if (control.paused) {
      control.reportPaused(this.step)
      this.closeSegment()
      // A paused run's steps so far are on disk for anyone who reads it while it waits.
      await this.flushSteps()
      await control.whilePaused()
      this.segmentStart = now()
      this.lastYield = now()
    }
    return control.cancelled
  }

  private closeSegment(): void {
    const t = this.env.now()
    this.sums.seconds += (t - this.segmentStart) / 1000
    this.segmentStart = t
  }

  private running(): { loss: number; accuracy: number | null } {
    const s = this.sums
    return {
      loss: s.samples > 0 ? s.lossSum / s.samples : 0,
      accuracy: this.stage.train.labels ? (s.samples > 0 ? s.correct / s.samples : 0) : null,
    }
  }

  private report(epoch: number): void {
    const { stage, env } = this
    const batch = Math.ceil(stage.sampler.position / stage.sampler.batchSize) || stage.sampler.batchesPerEpoch
    if (stage.logEverySteps && this.step % stage.logEverySteps === 0) {
      const { loss, accuracy } = this.running()
      const seconds = this.sums.seconds + (env.now() - this.segmentStart) / 1000
      this.pendingSteps.push({
        kind: 'step',
        ...(stage.labelled ? { stage: stage.name } : {}),
        epoch,
        step: this.step,
        trainLoss: loss,
        trainAccuracy: accuracy,
        seconds,
        samplesPerSecond: seconds > 0 ? this.sums.samples / seconds : 0,
      })
    }
    if (!env.callbacks.onProgress || !this.throttle.due()) return
    const { loss, accuracy } = this.running()
    env.callbacks.onProgress({
      stage: stage.name,
      epoch: epoch + 1,
      epochs: stage.epochs,
      batch,
      batchesPerEpoch: stage.sampler.batchesPerEpoch,
      step: this.step,
      totalSteps: this.totalSteps,
      loss,
      accuracy,
      samplesPerSecond: this.speed.samplesPerSecond(),
      etaSeconds: this.speed.eta(this.totalSteps - this.step),
    })
  }

  private async flushSteps(): Promise<void> {
    this.lastFlush = this.env.now()
    if (this.pendingSteps.length === 0) return
    const lines = this.pendingSteps
    this.pendingSteps = []
    await this.stage.output.appendMetrics(lines)
  }

  private async endEpoch(epoch: number): Promise<void> {
    const { stage, env } = this
    const { loss, accuracy } = this.running()
    const test = stage.test ? measure(stage.network, stage.loss, stage.test, stage.evalBatchSize) : undefined
    const s = this.sums
    const line: MetricsLine = {
      kind: 'epoch',
      ...(stage.labelled ? { stage: stage.name } : {}),
      epoch,
      step: this.step,
      trainLoss: loss,
      trainAccuracy: accuracy,
      ...(test ? { testLoss: test.loss, testAccuracy: test.accuracy } : {}),
      trainLossSum: s.rawLossSum,
      seconds: s.seconds,
      samplesPerSecond: s.seconds > 0 ? s.samples / s.seconds : 0,
    }
    this.sums = zeroSums()
    await this.flushSteps()
    await stage.output.appendMetrics([line])
    this.lastMetrics = line
    env.callbacks.onEpoch?.(line)
    const preview = env.callbacks.onPreview ? stage.preview?.(epoch) : undefined
    if (preview) env.callbacks.onPreview!(preview)
    const due = stage.checkpointEvery > 0 && epoch % stage.checkpointEvery === 0
    if (due || epoch === stage.epochs) await this.checkpoint(epoch, 0)
  }

  private async checkpoint(epoch: number, batch: number): Promise<void> {
    const { stage } = this
    const bytes = encodeCheckpoint(stage.params, stage.optimizer.stateDict(), {
      stage: stage.name,
      stageIndex: stage.index,
      epoch,
      batch,
      step: this.step,
      seed: stage.seed,
      sampler: stage.sampler.getState(),
      runtimeRng: stage.runtimeRng.getState(),
      optimizerName: stage.optimizer.name,
      sums: { ...this.sums },
    })
    const name = await stage.output.writeCheckpoint({ stage: stage.index, epoch, batch }, bytes)
    this.lastCheckpoint = name
    this.env.callbacks.onCheckpoint?.({ stage: stage.name, name, epoch, batch, step: this.step })
  }

  private async cancel(): Promise<StageOutcome> {
    this.closeSegment()
    await this.flushSteps()
    const { sampler } = this.stage
    await this.checkpoint(sampler.epoch, sampler.position / sampler.batchSize)
    return this.outcome('cancelled')
  }

  private outcome(status: StageOutcome['status']): StageOutcome {
    return {
      status,
      epoch: this.stage.sampler.epoch,
      step: this.step,
      ...(this.lastCheckpoint ? { checkpoint: this.lastCheckpoint } : {}),
      ...(this.lastMetrics ? { lastMetrics: this.lastMetrics } : {}),
    }
  }
}

/** Trains one stage to its last epoch (or until cancelled), from the start or from a checkpoint. */
export function runStage(stage: Stage, env: LoopEnv, resume?: CheckpointContents): Promise<StageOutcome> {
  return new StageRun(stage, env, resume).run()
}
