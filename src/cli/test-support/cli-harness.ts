import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { runCli } from '../cli'
import type { CliIo, OutputStream } from '../io'

/**
 * Running `dllab` in tests: in-process through runCli with string buffers (fast, and Ctrl-C can be
 * simulated), or as a real child process from source (`node --import tsx src/cli/main.ts`) for exit
 * codes, signals and the absence of stack traces.
 */
export const APP_ROOT = fileURLToPath(new URL('../../..', import.meta.url))
export const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url))
const VERSION = '0.0.0-test'
/** tsx's loader by absolute URL: the child may run in any folder. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface InProcessOptions {
  cwd: string
  env?: Record<string, string | undefined>
  isTTY?: boolean
  /** Called with everything written to stderr so far, after each write (to time a Ctrl-C). */
  onStderr?: (text: string, interrupt: () => void) => void
}

export async function cli(args: readonly string[], options: InProcessOptions): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const handlers = new Set<() => void>()
  const interrupt = () => {
    for (const h of [...handlers]) h()
  }
  const stream = (write: (text: string) => void): OutputStream => ({
    write,
    isTTY: options.isTTY ?? false,
    columns: options.isTTY ? 100 : undefined,
  })
  const io: CliIo = {
    stdout: stream((t) => (stdout += t)),
    stderr: stream((t) => {
      stderr += t
      options.onStderr?.(stderr, interrupt)
    }),
    env: { ...(options.env ?? {}) },
    cwd: options.cwd,
    onInterrupt: (handler) => {
      handlers.add(handler)
      return () => void handlers.delete(handler)
    },
  }
  const code = await runCli(args, io, { appRoot: APP_ROOT, version: VERSION })
  return { code, stdout, stderr }
}

export interface ChildOptions {
  cwd: string
  env?: Record<string, string | undefined>
  /** Its own process group (a terminal's foreground job): signal it with process.kill(-pid, …). */
  detached?: boolean
  onStderr?: (text: string, child: ChildProcess) => void
}

export function cliProcess(
  args: readonly string[],
  options: ChildOptions,
): Promise<CliResult> & { child: ChildProcess } {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t))
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    stderr += t
    options.onStderr?.(stderr, child)
  })
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }))
  })
  return Object.assign(done, { child })
}
