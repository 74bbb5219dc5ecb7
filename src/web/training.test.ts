import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blobClassifier, writeBlobIdx } from '../main/supervisor/test-support/blob-data'
import type { WebEvent, WebResponse } from '../shared/ipc/web-protocol'
import type { TrainingEvent, TrainingRunInfo } from '../shared/training'
import { runWebMode, type WebMode } from './run'

let dir: string
let server: WebMode
beforeAll(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-web-training-')))
  await mkdir(join(dir, 'renderer'))
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>')
  await mkdir(join(dir, 'home'))
  server = await runWebMode(
    { DLLAB_CONFIG_DIR: join(dir, 'config'), DLLAB_HOME: join(dir, 'home') },
    join(dir, 'renderer'),
  )
})
afterAll(async () => {
  await server.shutdown()
  await rm(dir, { recursive: true, force: true })
})

describe('web mode: training over the WebSocket', () => {
  it('starts a run, pushes its progress and state as events, and lists it', async () => {
    const files = await writeBlobIdx(join(dir, 'data'))
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, {
      origin: server.origin,
    })
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    const answers = new Map<number, WebResponse>()
    const events: WebEvent[] = []
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as WebResponse | WebEvent
      if ('event' in message) events.push(message)
      else answers.set(message.id, message)
    })
    const ask = async (id: number, channel: string, request: unknown): Promise<WebResponse> => {
      socket.send(JSON.stringify({ id, channel, request }))
      while (!answers.has(id)) await new Promise((resolve) => setTimeout(resolve, 10))
      return answers.get(id)!
    }

    const started = await ask(1, 'training.start', {
      experiment: blobClassifier(files),
      name: 'from the browser',
    })
    expect(started).toMatchObject({ ok: true, response: { name: 'from the browser', task: 'classify' } })
    const runId = (started as { response: TrainingRunInfo }).response.runId
    const finished = () =>
      events.some(
        (e) =>
          e.event === 'training.state' &&
          (e.payload as TrainingEvent & { type: 'state' }).run.status === 'finished',
      )
    for (let waited = 0; !finished(); waited += 20) {
      if (waited > 45_000) throw new Error('the run did not finish')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const names = new Set(events.map((e) => e.event))
    expect(names).toEqual(
      new Set([
        'training.state',
        'training.loading',
        'training.progress',
        'training.epoch',
        'training.preview',
        'training.checkpoint',
      ]),
    )
    const progress = events.find((e) => e.event === 'training.progress')!.payload as TrainingEvent
    expect(progress).toMatchObject({
      type: 'progress',
      runId,
      job: 'train',
      progress: { stage: 'train', epoch: 1 },
    })
    const last = events.filter((e) => e.event === 'training.state').at(-1)!.payload as {
      run: TrainingRunInfo
    }
    expect(last.run.evaluation).toMatchObject({ accuracy: 1, correct: 16, total: 16 })

    expect(await ask(2, 'training.list', {})).toMatchObject({
      ok: true,
      response: [{ runId, status: 'finished' }],
    })
    expect(await ask(3, 'training.pause', { runId })).toMatchObject({
      ok: false,
      error: { name: 'RunStateError', message: `cannot pause run ${runId}: it is not training (finished)` },
    })
    expect(await ask(4, 'training.resumeRun', { runId: 'nope' })).toMatchObject({
      ok: false,
      error: {
        name: 'InvalidRequestError',
        message: 'training.resumeRun: runId: must be a run id like 20251127-200850123-3f9a0c',
      },
    })
    expect(
      await ask(5, 'training.start', { experiment: { format: 'dllab.experiment/1', name: 'x' } }),
    ).toMatchObject({
      ok: false,
      error: { name: 'ExperimentSpecError' },
    })
    socket.close()
  })
})
