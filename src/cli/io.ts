/**
 * What a command may touch of its process: output streams, environment, working folder, Ctrl-C.
 * main.ts passes the real process; tests pass strings buffers and a fake interrupt.
 */
export interface OutputStream {
  write(text: string): void
  /** A terminal: progress bars redraw one line; otherwise they print plain lines. */
  readonly isTTY: boolean
  /** Terminal width in characters, when known. */
  readonly columns?: number | undefined
}

export interface CliIo {
  readonly stdout: OutputStream
  readonly stderr: OutputStream
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /**
   * Calls `handler` on each Ctrl-C (SIGINT) until the returned function is called. While a handler
   * is registered Ctrl-C does not end the process.
   */
  onInterrupt(handler: () => void): () => void
}

/** `dllab … | head` closes the pipe early: stop quietly, as other command-line tools do. */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
    throw error
  })
}

export function processIo(): CliIo {
  quietOnClosedPipe(process.stdout)
  quietOnClosedPipe(process.stderr)
  const stream = (s: NodeJS.WriteStream): OutputStream => ({
    write: (text) => void s.write(text),
    get isTTY() {
      return Boolean(s.isTTY)
    },
    get columns() {
      return s.isTTY ? s.columns : undefined
    },
  })
  return {
    stdout: stream(process.stdout),
    stderr: stream(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler)
      return () => void process.off('SIGINT', handler)
    },
  }
}
