// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi } from '../test-support/fake-api'
import { ApiError, api, setApi } from './index'

describe('api', () => {
  afterEach(() => {
    setApi(null)
    delete window.api
  })

  it('forwards to the implementation a test puts behind it', async () => {
    const fake = createFakeApi({ files: { data: { cats: {} } } })
    setApi(fake)
    await expect(api['folders.list']({ path: '/data' })).resolves.toMatchObject({
      folders: [{ name: 'cats' }],
    })
    expect(fake.calls).toEqual([{ channel: 'folders.list', request: { path: '/data' } }])
  })

  it("uses the preload's window.api in the desktop app, with errors as ApiError", async () => {
    const windowApi = createFakeApi({ host: 'electron' })
    window.api = windowApi
    await expect(api['app.info']({})).resolves.toMatchObject({ host: 'electron' })
    await expect(api['datasets.scanFolder']({ path: '/nowhere' })).rejects.toThrow(
      new ApiError('Folder not found: /nowhere', 'datasets.scanFolder'),
    )
    expect(windowApi.calls.map((c) => c.channel)).toEqual(['app.info', 'datasets.scanFolder'])
  })
})
