import type { MetricsLine } from '../../shared/experiment'
import type { ProgressInfo, TrainingEvent } from '../../shared/training'
import { StatusLine } from '../format/status-line'
import { duration, groupDigits, percent, short } from '../format/table'
import type { OutputStream } from '../io'

/**
 * A run's training in the terminal: a progress bar (epoch, loss, accuracy, samples/s, ETA) redrawn in
 * place on a terminal — plain lines at most every two seconds elsewhere — and one permanent line per
 * epoch with the numbers metrics.jsonl records. Runs of several jobs (the per-channel homework's R, G,
 * B autoencoders, trained side by side) show one compact entry per job.
 */
const BAR = 20

function bar(fraction: number): string {
  const filled = Math.max(0, Math.min(BAR, Math.round(fraction * BAR)))
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}]`
}

function lossText(p: ProgressInfo): string {
  return `loss ${short(p.loss)}${p.accuracy !== null ? `  acc ${percent(p.accuracy, 1)}` : ''}`
}

export function progressText(p: ProgressInfo): string {
  const fraction = p.totalSteps > 0 ? p.step / p.totalSteps : 0
  const stage = p.stage === 'train' ? '' : `${p.stage}  `
  const eta = p.etaSeconds === null ? '' : `  ETA ${duration(p.etaSeconds)}`
  return (
    `${stage}epoch ${p.epoch}/${p.epochs} ${bar(fraction)} ${Math.floor(fraction * 100)}%  ${lossText(p)}  ` +
    `${groupDigits(p.samplesPerSecond)} samples/s${eta}`
  )
}

export function epochText(m: MetricsLine, epochs: number | undefined): string {
  const parts = [
    `${m.stage && m.stage !== 'train' ? `${m.stage} ` : ''}epoch ${m.epoch}${epochs ? `/${epochs}` : ''}`,
    `train loss ${m.trainLoss === null ? '–' : short(m.trainLoss)}`,
  ]
  if (m.trainAccuracy !== null) parts.push(`acc ${percent(m.trainAccuracy)}`)
  if (m.testLoss !== undefined && m.testLoss !== null) parts.push(`test loss ${short(m.testLoss)}`)
  if (m.testAccuracy !== undefined && m.testAccuracy !== null) parts.push(`acc ${percent(m.testAccuracy)}`)
  parts.push(`(${short(m.seconds, 3)} s, ${groupDigits(m.samplesPerSecond)} samples/s)`)
  return parts.join('  ')
}

export class ProgressView {
  private readonly status: StatusLine
  private readonly progress = new Map<string, ProgressInfo>()
  private readonly epochsOfStage = new Map<string, number>()

  constructor(
    stream: OutputStream,
    private readonly runId: string,
    now?: () => number,
  ) {
    this.status = new StatusLine(stream, now ? { now } : {})
  }

  handle(event: TrainingEvent): void {
    if (event.type === 'state' || event.runId !== this.runId) return
    const prefix = event.job === 'train' ? '' : `[${event.job}] `
    switch (event.type) {
      case 'loading':
        this.status.update(
          `${prefix}loading images: ${groupDigits(event.done)} / ${groupDigits(event.total)}`,
        )
        return
      case 'stage':
        if (event.stage.total > 1) {
          this.status.log(`${prefix}stage ${event.stage.index + 1}/${event.stage.total}: ${event.stage.name}`)
        }
        return
      case 'progress':
        this.progress.set(event.job, event.progress)
        this.epochsOfStage.set(`${event.job}:${event.progress.stage}`, event.progress.epochs)
        this.status.update(this.line())
        return
      case 'epoch': {
        const epochs = this.epochsOfStage.get(`${event.job}:${event.metrics.stage ?? 'train'}`)
        this.status.log(prefix + epochText(event.metrics, epochs))
        return
      }
      case 'checkpoint':
      case 'preview':
        return
    }
  }

  /** A line above the bar (messages while training). */
  log(text: string): void {
    this.status.log(text)
  }

  done(): void {
    this.status.done()
  }

  private line(): string {
    const jobs = [...this.progress.entries()]
    if (jobs.length === 1) return progressText(jobs[0]![1])
    const eta = Math.max(...jobs.map(([, p]) => p.etaSeconds ?? 0))
    const each = jobs.map(([job, p]) => {
      const fraction = p.totalSteps > 0 ? p.step / p.totalSteps : 0
      return `${job} ${p.epoch}/${p.epochs} ${Math.floor(fraction * 100)}% loss ${short(p.loss)}`
    })
    return `${each.join(' | ')}${eta > 0 ? `  ETA ${duration(eta)}` : ''}`
  }
}
