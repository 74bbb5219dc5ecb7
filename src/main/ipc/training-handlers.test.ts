import { mkdtemp, rm } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Services } from '../services/services'
import { nodeWorkerSpawner } from '../supervisor'
import { blobClassifier, writeBlobIdx, type BlobFiles } from '../supervisor/test-support/blob-data'
import { createHandlers } from './handlers'
import { testServices } from './test-support/test-services'

let dir: string
let files: BlobFiles
let picked: string | null
let services: Services
beforeEach(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-training-handlers-')))
  files = await writeBlobIdx(join(dir, 'data'))
  picked = null
})
afterEach(async () => {
  await services.training?.shutdown()
  await rm(dir, { recursive: true, force: true })
})

function handlers(withTraining: boolean) {
  services = testServices(
    dir,
    { kind: 'electron', pickFolder: async () => picked },
    withTraining ? { training: { spawner: nodeWorkerSpawner(), concurrency: 1 } } : {},
  )
  return createHandlers(services)
}

describe('training handlers in the desktop app', () => {
  it('train only on data in folders the user chose', async () => {
    const api = handlers(true)
    await expect(api['training.start']({ experiment: blobClassifier(files, { epochs: 1 }) })).rejects.toThrow(
      /train-images\.idx is outside the folders you chose and the workspace; choose the folder first/,
    )
    expect(await api['training.list']({})).toEqual([])
    picked = join(dir, 'data')
    await api['folders.pick']({})
    const run = await api['training.start']({
      experiment: blobClassifier(files, { epochs: 1 }),
      name: 'chosen',
    })
    expect(run).toMatchObject({ name: 'chosen', jobs: [{ job: 'train' }] })
    expect(await services.training!.settled(run.runId)).toMatchObject({ status: 'finished', step: 8 })
    expect((await api['training.list']({})).map((r) => r.status)).toEqual(['finished'])
  })

  it('say so when the host cannot start workers', async () => {
    const api = handlers(false)
    await expect(api['training.list']({})).rejects.toThrow(
      'training is not available in this host (no worker spawner)',
    )
  })
})
