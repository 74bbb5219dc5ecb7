import { useI18n } from 'vue-i18n'
import type { LineLabeller } from '../../charts/chart-lines'
import { stageParts } from './run-format'

/** Translated names of stages, jobs and chart lines, for the Train view's components. */
export function useTrainLabels() {
  const { t, locale } = useI18n()

  /** "pretrain:hidden1" → "Pre-training hidden1"; "channel:R" → "Channel R"; unknown names as they are. */
  function stageLabel(stage: string): string {
    const { key, name } = stageParts(stage)
    if (key === null) return name
    return t(`train.timeline.stages.${key}`, { name })
  }

  /** "training loss", "test accuracy (Fine-tuning)", "run 2: test loss". */
  const lineLabel: LineLabeller = (metric, part, run) => {
    const metricText = t(`train.charts.metrics.${metric}`)
    const partText = part === null ? '' : ` (${/^[RGB]$/.test(part) ? part : stageLabel(part)})`
    return `${run !== undefined ? `${run}: ` : ''}${metricText}${partText}`
  }

  return { t, locale, stageLabel, lineLabel }
}
