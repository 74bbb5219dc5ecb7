import { describe, expect, it } from 'vitest'
import { type ChannelName, type DlLabApi, channelNames } from '../../shared/ipc/contract'
import { ScanError } from '../services/errors'
import { createDispatch } from './dispatch'

type Exercised =
  'app.info' | 'settings.get' | 'settings.update' | 'folders.pick' | 'folders.list' | 'datasets.scanFolder'

/** The other channels have their own tests (training-handlers.test.ts …); here they only fill the map. */
function handlersNotUsedHere(): Omit<DlLabApi, Exercised> {
  const refuse = async (): Promise<never> => {
    throw new Error('this channel is not exercised by this test')
  }
  const others = channelNames.filter(
    (c): c is Exclude<ChannelName, Exercised> =>
      ![
        'app.info',
        'settings.get',
        'settings.update',
        'folders.pick',
        'folders.list',
        'datasets.scanFolder',
      ].includes(c),
  )
  return Object.fromEntries(others.map((c) => [c, refuse])) as unknown as Omit<DlLabApi, Exercised>
}

const calls: unknown[] = []
const handlers: DlLabApi = {
  'app.info': async () => ({ name: 'DL Lab', version: '0.0.0', host: 'web', platform: 'linux' }),
  'settings.get': async () => ({ workspace: '/w', language: 'en', trainingProcesses: 2 }),
  'settings.update': async (patch) => {
    calls.push(patch)
    return { workspace: '/w', language: patch.language ?? 'en', trainingProcesses: 2 }
  },
  'folders.pick': async () => ({ path: null }),
  'folders.list': async () => ({ path: '/', parent: null, folders: [] }),
  'datasets.scanFolder': async ({ path }) => {
    if (path === '/fails') throw new ScanError('/fails has no class folders')
    if (path === '/odd') throw 'a string, not an Error'
    if (path === '/coded') {
      throw new ScanError('Cannot scan /coded: it does not exist', {
        code: 'folder-unreadable',
        params: { path: '/coded', cause: 'missing' },
      })
    }
    if (path === '/node')
      throw Object.assign(new Error("ENOENT: no such file, open '/node'"), { code: 'ENOENT' })
    return { root: path, classes: [], totalImages: 0, problems: [] }
  },
  ...handlersNotUsedHere(),
}
const dispatch = createDispatch(handlers)

describe('dispatch', () => {
  it('runs the handler of a valid request and answers its response', async () => {
    expect(await dispatch('datasets.scanFolder', { path: '/data' })).toEqual({
      ok: true,
      response: { root: '/data', classes: [], totalImages: 0, problems: [] },
    })
    expect(await dispatch('settings.update', { language: 'ja' })).toMatchObject({ ok: true })
    expect(calls).toEqual([{ language: 'ja' }])
  })

  it('rejects bad arguments with the channel and the schema issues, without calling the handler', async () => {
    expect(await dispatch('datasets.scanFolder', { path: 42 })).toEqual({
      ok: false,
      error: {
        name: 'InvalidRequestError',
        message: 'datasets.scanFolder: path: expected string, received number',
      },
    })
    expect(await dispatch('datasets.scanFolder', {})).toMatchObject({
      error: { message: 'datasets.scanFolder: path: expected string, received undefined' },
    })
    expect(await dispatch('settings.update', { language: 'fr' })).toMatchObject({
      error: { message: 'settings.update: language: Invalid option: expected one of "en"|"ja"' },
    })
    expect(await dispatch('app.info', { extra: 1 })).toMatchObject({
      error: { message: 'app.info: request: Unrecognized key: "extra"' },
    })
    expect(await dispatch('app.info', 'hello')).toMatchObject({
      error: { message: 'app.info: request: expected object, received string' },
    })
    expect(calls).toEqual([{ language: 'ja' }])
  })

  it('refuses an unknown channel, including inherited object keys', async () => {
    expect(await dispatch('files.delete', {})).toEqual({
      ok: false,
      error: { name: 'UnknownChannelError', message: 'Unknown IPC channel "files.delete"' },
    })
    expect(await dispatch('toString', {})).toMatchObject({ error: { name: 'UnknownChannelError' } })
    expect(await dispatch('__proto__', {})).toMatchObject({ error: { name: 'UnknownChannelError' } })
  })

  it('turns a thrown error into its name and message only, never a stack', async () => {
    const answer = await dispatch('datasets.scanFolder', { path: '/fails' })
    expect(answer).toEqual({
      ok: false,
      error: { name: 'ScanError', message: '/fails has no class folders' },
    })
    expect(JSON.stringify(answer)).not.toContain('at ')
    expect(await dispatch('datasets.scanFolder', { path: '/odd' })).toEqual({
      ok: false,
      error: { name: 'Error', message: 'a string, not an Error' },
    })
  })

  it("carries a service error's code and params, for the renderer to say it in the user's language", async () => {
    expect(await dispatch('datasets.scanFolder', { path: '/coded' })).toEqual({
      ok: false,
      error: {
        name: 'ScanError',
        message: 'Cannot scan /coded: it does not exist',
        code: 'folder-unreadable',
        params: { path: '/coded', cause: 'missing' },
      },
    })
    // A Node error's own code (an errno name) is not one of ours and is not sent.
    expect(await dispatch('datasets.scanFolder', { path: '/node' })).toEqual({
      ok: false,
      error: { name: 'Error', message: "ENOENT: no such file, open '/node'" },
    })
  })
})
