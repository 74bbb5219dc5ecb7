import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
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

  it('shows the same failure reported twice in a row once', () => {
    const errors = useErrorsStore()
    errors.report(new Error('Cannot connect'))
    errors.report(new Error('Cannot connect'))
    expect(errors.errors).toHaveLength(1)
  })
})
