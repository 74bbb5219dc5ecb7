import { describe, expect, it } from 'vitest'
import { withFakeApi } from '../test-support/with-fake-api'
import { useAppInfoStore } from './app-info'
import { useErrorsStore } from './errors'

describe('useAppInfoStore', () => {
  it('knows whether it runs in the desktop app', async () => {
    withFakeApi({ host: 'electron' })
    const store = useAppInfoStore()
    expect(store.isElectron).toBe(false)
    await store.load()
    expect(store.info?.version).toBe('0.0.0-test')
    expect(store.isElectron).toBe(true)
  })

  it('reports a failure and stays unknown', async () => {
    const fake = withFakeApi({ host: 'electron' })
    fake.failNext('app.info', 'Cannot connect')
    const store = useAppInfoStore()
    await store.load()
    expect(store.info).toBeNull()
    expect(useErrorsStore().errors[0]?.message).toBe('Cannot connect')
  })
})
