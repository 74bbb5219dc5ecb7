import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError, ConnectionError } from '../api'
import { useErrorsStore } from './errors'

describe('useErrorsStore', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('keeps the message of each reported error until it is dismissed', () => {
    const errors = useErrorsStore()
    errors.report(new Error('Folder not found: /data'))
    errors.report('plain text failure')
    expect(errors.errors.map((e) => e.message)).toEqual(['Folder not found: /data', 'plain text failure'])

    errors.dismiss(errors.errors[0]!.id)
    expect(errors.errors.map((e) => e.message)).toEqual(['plain text failure'])
    errors.clear()
    expect(errors.errors).toEqual([])
  })

  it("keeps an api error's class, code and params, and marks text reports as translated", () => {
    const errors = useErrorsStore()
    errors.report(
      new ApiError('no run r in /w/runs', 'runs.detail', 'UnknownRunError', {
        code: 'run-not-found',
        params: { runId: 'r' },
      }),
    )
    errors.report(new ConnectionError('closed', 'connection-lost', { channel: 'app.info' }))
    errors.report('画像を読み込めませんでした')
    const fsError = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' })
    errors.report(fsError)
    expect(errors.errors.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        message: 'no run r in /w/runs',
        name: 'UnknownRunError',
        code: 'run-not-found',
        params: { runId: 'r' },
        translated: false,
      },
      {
        message: 'closed',
        name: 'ConnectionError',
        code: 'connection-lost',
        params: { channel: 'app.info' },
        translated: false,
      },
      { message: '画像を読み込めませんでした', name: 'Error', translated: true },
      // A Node error's code is not one of ours.
      { message: 'ENOENT: no such file', name: 'Error', translated: false },
    ])
  })

  it('shows the same failure reported twice in a row once', () => {
    const errors = useErrorsStore()
    errors.report(new Error('Cannot connect'))
    errors.report(new Error('Cannot connect'))
    expect(errors.errors).toHaveLength(1)
  })
})
