import { describe, expect, it } from 'vitest'
import {
  CANCELLED,
  inJob,
  INTERRUPTED,
  processEnd,
  workerError,
} from '../../../../shared/training/run-reasons'
import { createAppI18n } from '../../i18n'
import { runReasonText } from './run-reason-text'

const translate = (locale: 'en' | 'ja') => {
  const { t } = createAppI18n(locale).global
  return (key: string, params?: Record<string, string | number>) => t(key, params ?? {})
}

describe('runReasonText', () => {
  it('puts the supervisor’s sentences in Japanese and keeps what they quote apart', () => {
    const ja = translate('ja')
    expect(runReasonText(CANCELLED, ja)).toEqual({ sentence: 'ユーザーがキャンセルしました。', detail: '' })
    expect(runReasonText(INTERRUPTED.resumable, ja).sentence).toMatch(
      /^中断: .*チェックポイントから続けます。$/,
    )
    expect(runReasonText(processEnd({ signal: null, code: 134 }, 'FATAL ERROR: heap limit'), ja)).toEqual({
      sentence: '学習プロセスが予期せず終了しました(終了コード 134)。',
      detail: 'FATAL ERROR: heap limit',
    })
    expect(runReasonText(inJob('G', workerError('ShapeError', 'dense1: expected 1024 inputs')), ja)).toEqual({
      sentence: 'チャンネル G: エラーで学習が止まりました(ShapeError)。',
      detail: 'dense1: expected 1024 inputs',
    })
  })

  it('reads the same in English, and shows text it does not know as detail', () => {
    const en = translate('en')
    expect(runReasonText(processEnd({ signal: 'SIGKILL' }), en)).toEqual({
      sentence: 'The training process was killed (SIGKILL).',
      detail: '',
    })
    expect(runReasonText('state.json: Unexpected token', en)).toEqual({
      sentence: 'Stopped.',
      detail: 'state.json: Unexpected token',
    })
  })
})
