import { parseRunReason, type RunReason } from '../../../../shared/training/run-reasons'

type Translate = (key: string, params?: Record<string, string | number>) => string

/** The sentence of a parsed reason in the user's language, and its untranslated detail, if any. */
export interface RunReasonText {
  sentence: string
  detail: string
}

const simple: Record<string, string> = {
  cancelled: 'runReasons.cancelled',
  killed: 'runReasons.killed',
  closed: 'runReasons.closed',
  'interrupted-resumable': 'runReasons.interruptedResumable',
  'interrupted-from-start': 'runReasons.interruptedFromStart',
}

function describe(reason: RunReason, t: Translate): RunReasonText {
  switch (reason.kind) {
    case 'in-job': {
      const inner = describe(reason.reason, t)
      return { sentence: t(`runReasons.job.${reason.job}`, { reason: inner.sentence }), detail: inner.detail }
    }
    case 'interrupted-unreadable':
      return { sentence: t('runReasons.interruptedUnreadable'), detail: reason.detail }
    case 'stopped-with-job':
      return { sentence: t('runReasons.stoppedWithJob', { job: reason.job }), detail: '' }
    case 'not-started':
      return { sentence: t('runReasons.notStarted'), detail: reason.detail }
    case 'killed-by-signal':
      return { sentence: t('runReasons.killedBySignal', { signal: reason.signal }), detail: reason.detail }
    case 'exited':
      return { sentence: t('runReasons.exited', { code: reason.code }), detail: reason.detail }
    case 'protocol':
      return { sentence: t('runReasons.protocol'), detail: reason.detail }
    case 'not-requeued':
      return { sentence: t('runReasons.notRequeued'), detail: reason.detail }
    case 'error':
      return { sentence: t('runReasons.error', { name: reason.name }), detail: reason.detail }
    case 'other':
      return { sentence: t('runReasons.other'), detail: reason.detail }
    default:
      return { sentence: t(simple[reason.kind]!), detail: '' }
  }
}

/** Why a run stopped, from the supervisor's English sentence (run-reasons.ts), in the user's language. */
export function runReasonText(reason: string, t: Translate): RunReasonText {
  return describe(parseRunReason(reason), t)
}
