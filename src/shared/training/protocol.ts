import type { z } from 'zod'
import { type ParentMessage, parentMessageSchema } from './parent-messages'
import { type TrainingWireError, type WorkerMessage, workerMessageSchema } from './worker-messages'

/**
 * The training protocol between the supervisor (main process, web server, CLI) and a training worker
 * (an Electron utility process or a Node child process running src/worker/entry.ts). Messages are
 * plain JSON objects discriminated by `type` (parent-messages.ts, worker-messages.ts):
 *
 *   worker                                  parent
 *   ready ─────────────────────────────────►
 *         ◄───────────────────────────────── start {runId, runDir, experiment, job, resume}
 *   data, stage, progress (≤ 10/s), epoch,
 *   preview, checkpoint ───────────────────►
 *         ◄───────────────────────────────── pause | resume | cancel | kill
 *   paused | resumed ──────────────────────►
 *   done {status, evaluation} | failed ────►
 *         ◄───────────────────────────────── kill (the worker exits)
 *
 * Both sides validate what they receive with these schemas. A malformed message is a ProtocolError:
 * the parent stops a worker that sends one and fails its run with the error's message.
 */
export * from './parent-messages'
export * from './worker-messages'

/** A message that does not follow the training protocol. */
export class ProtocolError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

/** A short, readable description of a value for error messages. */
export function describeValue(value: unknown, max = 200): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text
}

function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : 'message'}: ${i.message}`)
    .join('; ')
}

function parse<T>(schema: z.ZodType<T>, raw: unknown, from: string): T {
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  const type = (raw as { type?: unknown } | null)?.type
  const what = typeof type === 'string' ? `a '${type.slice(0, 40)}' message` : 'a message'
  throw new ProtocolError(
    `${from} sent ${what} that does not follow the training protocol (${issuesOf(result.error)}): ` +
      describeValue(raw),
  )
}

/** Validates what a worker sent; throws a ProtocolError naming what is wrong. */
export function parseWorkerMessage(raw: unknown): WorkerMessage {
  return parse(workerMessageSchema, raw, 'the training worker')
}

/** Validates what the parent sent; throws a ProtocolError naming what is wrong. */
export function parseParentMessage(raw: unknown): ParentMessage {
  return parse(parentMessageSchema, raw, 'the parent process')
}

/** Exhaustive handling of a union: a case left out fails to compile, and an unknown value throws. */
export function assertNever(value: never, what = 'value'): never {
  throw new ProtocolError(`unexpected ${what}: ${describeValue(value)}`)
}

/** An error as it crosses the process boundary: name, message and stack, nothing else. */
export function toTrainingWireError(error: unknown): TrainingWireError {
  if (error instanceof Error) {
    return {
      name: (error.name || 'Error').slice(0, 200),
      message: error.message.slice(0, 20_000),
      ...(error.stack ? { stack: error.stack.slice(0, 50_000) } : {}),
    }
  }
  return { name: 'Error', message: describeValue(error, 20_000) }
}
