import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

export interface WebServer {
  /** The address the server printed, with its token: http://127.0.0.1:PORT/?token=TOKEN */
  url: string
  origin: string
  token: string
  stop(): Promise<void>
}

export interface WebServerOptions {
  /** DLLAB_CONFIG_DIR: where settings.json is kept. */
  configDir: string
  /** The user's home (HOME and DLLAB_HOME): where the folder browser starts, the default workspace's parent. */
  home: string
}

const entry = resolve(import.meta.dirname, '../../out/node/web.js')
const banner = /DL Lab web mode: open (http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+)) in your browser/

/**
 * Starts the built web-mode server (`node out/node/web.js`, as `npm run web` does after building)
 * with its own config and home folders, and waits for the line that gives its address.
 */
export async function startWebServer(options: WebServerOptions, timeoutMs = 30_000): Promise<WebServer> {
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      HOME: options.home,
      DLLAB_CONFIG_DIR: options.configDir,
      DLLAB_HOME: options.home,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk))

  const address = await new Promise<RegExpExecArray>((resolveAddress, reject) => {
    const fail = (why: string) => {
      child.kill()
      reject(new Error(`web server (${entry}) ${why}\n${output.join('')}`))
    }
    const timer = setTimeout(() => fail(`printed no address within ${timeoutMs / 1000} s`), timeoutMs)
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer)
      fail(`exited (${signal ?? `code ${code}`}) before printing its address; is out/ built (npm run build)?`)
    }
    child.once('exit', onExit)
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(`${line}\n`)
      const match = banner.exec(line)
      if (!match) return
      clearTimeout(timer)
      child.off('exit', onExit)
      resolveAddress(match)
    })
  })
  const url = address[1] as string
  return { url, origin: new URL(url).origin, token: address[2] as string, stop: () => stop(child) }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}
