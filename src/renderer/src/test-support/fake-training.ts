import type { RunStatus, TaskKind } from '../../../shared/experiment'
import type { DlLabApi, EventName, IpcEvents, RequestOf } from '../../../shared/ipc/contract'
import type { TrainingJobStatus, TrainingRunInfo } from '../../../shared/training/events'

interface FakeRun {
  runId: string
  name: string
  task: TaskKind
  created: string
  status: RunStatus
  reason?: string
  /** A worker lives (running, or paused in memory): it holds one of the `concurrency` slots. */
  worker: boolean
  /** Paused while it waited in the queue: it goes back to the queue on resume. */
  held: boolean
}

/** Messages of the supervisor (src/main/supervisor), so views show what the app would. */
const CANCELLED = 'cancelled by the user'
const KILLED = 'stopped at once (kill), without a checkpoint of the last position'
const RESUMABLE: readonly RunStatus[] = ['paused', 'cancelled', 'failed']
const TASKS: readonly TaskKind[] = ['classify', 'autoencode', 'pretrain-stack', 'per-channel-autoencode']

/** An Error whose name the caller sees as the service's error class (ApiError.remoteName). */
function serviceError(name: string, message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}

type TrainingChannel = Extract<keyof DlLabApi, `training.${string}`>

export interface FakeTraining {
  handlers: { [C in TrainingChannel]: (request: RequestOf<C>) => unknown }
  /** Newest first, as the run store lists them. */
  listRuns(): TrainingRunInfo[]
  finishRun(runId: string): TrainingRunInfo
  failRun(runId: string, reason: string): TrainingRunInfo
}

/**
 * The fake api's training: the supervisor's rules over an in-memory run list. start queues a run and
 * starts it when one of `concurrency` slots is free; pause, resume, cancel, kill and resumeRun change a
 * run's state or fail as the supervisor does (pausing a finished run is a RunStateError, an unknown id
 * an UnknownRunError); each change is pushed as a training.state event through `emit`.
 */
export function createFakeTraining(
  concurrency: number,
  emit: <E extends EventName>(event: E, payload: IpcEvents[E]) => void,
): FakeTraining {
  const runs = new Map<string, FakeRun>()
  const queue: FakeRun[] = []
  let runCount = 0

  function jobStatus(run: FakeRun): TrainingJobStatus {
    if (run.held) return 'held'
    return run.status
  }

  function describe(run: FakeRun): TrainingRunInfo {
    const position = queue.indexOf(run)
    return {
      runId: run.runId,
      name: run.name,
      task: run.task,
      created: run.created,
      status: run.status,
      ...(run.reason !== undefined ? { reason: run.reason } : {}),
      active: run.worker,
      resumable: RESUMABLE.includes(run.status) && !run.worker,
      ...(position >= 0 ? { queuePosition: position + 1 } : {}),
      jobs: [
        { job: 'train', status: jobStatus(run), ...(run.reason !== undefined ? { reason: run.reason } : {}) },
      ],
    }
  }

  function changed(run: FakeRun): void {
    emit('training.state', { type: 'state', run: describe(run) })
  }

  /** Starts queued runs, first come first served, while slots are free. */
  function pump(): void {
    const busy = () => [...runs.values()].filter((r) => r.worker).length
    while (queue.length > 0 && busy() < concurrency) {
      const run = queue.shift() as FakeRun
      run.status = 'running'
      run.worker = true
      changed(run)
      // The others moved up in the queue.
      for (const waiting of queue) changed(waiting)
    }
  }

  function enqueue(run: FakeRun): void {
    run.status = 'queued'
    run.reason = undefined
    run.held = false
    queue.push(run)
    changed(run)
    pump()
  }

  function runById(runId: string): FakeRun {
    const run = runs.get(runId)
    if (!run) throw serviceError('UnknownRunError', `no run ${runId} in the workspace`)
    return run
  }

  /** Queued, paused or running: the supervisor still controls it. */
  const training = (run: FakeRun) => run.worker || run.held || queue.includes(run)

  function activeRun(runId: string, action: string): FakeRun {
    const run = runById(runId)
    if (!training(run)) {
      throw serviceError('RunStateError', `cannot ${action} run ${runId}: it is not training (${run.status})`)
    }
    return run
  }

  function settle(run: FakeRun, status: RunStatus, reason?: string): TrainingRunInfo {
    const at = queue.indexOf(run)
    if (at >= 0) queue.splice(at, 1)
    run.status = status
    run.reason = reason
    run.worker = false
    run.held = false
    changed(run)
    pump()
    return describe(run)
  }

  function start(request: RequestOf<'training.start'>): TrainingRunInfo {
    const experiment = request.experiment as { name?: unknown; task?: { kind?: unknown } } | null
    if (typeof experiment !== 'object' || experiment === null) {
      throw serviceError(
        'ValidationError',
        'experiment: must be a JSON object with format, name, data, model, task and training',
      )
    }
    if (typeof experiment.name !== 'string' || experiment.name === '') {
      throw serviceError('ValidationError', 'experiment.name: must be a string')
    }
    const kind = experiment.task?.kind ?? 'classify'
    const task = TASKS.find((t) => t === kind)
    if (!task)
      throw serviceError(
        'ValidationError',
        `experiment.task: must be an object whose kind is one of ${TASKS.join(', ')}`,
      )
    runCount += 1
    const created = new Date(Date.UTC(2025, 0, 1, 12, 0, 0, runCount))
    const run: FakeRun = {
      runId: `20250101-120000${String(runCount % 1000).padStart(3, '0')}-${runCount.toString(16).padStart(6, '0')}`,
      name: request.name ?? experiment.name,
      task,
      created: created.toISOString(),
      status: 'queued',
      worker: false,
      held: false,
    }
    runs.set(run.runId, run)
    enqueue(run)
    return describe(run)
  }

  function pause(runId: string): TrainingRunInfo {
    const run = activeRun(runId, 'pause')
    if (run.status === 'paused') return describe(run)
    const at = queue.indexOf(run)
    if (at >= 0) {
      queue.splice(at, 1)
      run.held = true
    }
    run.status = 'paused'
    run.reason = undefined
    changed(run)
    return describe(run)
  }

  function resume(runId: string): TrainingRunInfo {
    const run = runById(runId)
    if (!training(run)) return resumeRun(runId)
    if (run.status !== 'paused') return describe(run)
    if (run.worker) {
      run.status = 'running'
      changed(run)
    } else enqueue(run)
    return describe(run)
  }

  function resumeRun(runId: string): TrainingRunInfo {
    const run = runById(runId)
    if (training(run)) {
      if (run.status === 'paused') return resume(runId)
      throw serviceError('RunStateError', `run ${runId} is ${run.status}; it is already training`)
    }
    if (run.status === 'finished') {
      throw serviceError('RunStateError', `run ${runId} is finished; start a new run to train again`)
    }
    enqueue(run)
    return describe(run)
  }

  function finishRun(runId: string): TrainingRunInfo {
    const run = runById(runId)
    if (!run.worker || run.status !== 'running')
      throw new Error(`fake: run ${runId} is not running (${run.status})`)
    return settle(run, 'finished')
  }

  function failRun(runId: string, reason: string): TrainingRunInfo {
    const run = runById(runId)
    if (!training(run)) throw new Error(`fake: run ${runId} is not training (${run.status})`)
    return settle(run, 'failed', reason)
  }

  /** Newest first, as the run store lists them. */
  const listRuns = () => [...runs.values()].reverse().map(describe)

  return {
    handlers: {
      'training.start': start,
      'training.list': listRuns,
      'training.pause': (request) => pause(request.runId),
      'training.resume': (request) => resume(request.runId),
      'training.cancel': (request) => settle(activeRun(request.runId, 'cancel'), 'cancelled', CANCELLED),
      'training.kill': (request) => settle(activeRun(request.runId, 'kill'), 'cancelled', KILLED),
      'training.resumeRun': (request) => resumeRun(request.runId),
    },
    listRuns,
    finishRun,
    failRun,
  }
}
