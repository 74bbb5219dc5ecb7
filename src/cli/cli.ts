import type { WorkerScript } from '../main/supervisor'
import { parseCommandArgs } from './args'
import type { Command } from './commands/command'
import { commands } from './commands'
import { CliContext } from './context'
import { describeError, EXIT, exitCodeOf, UsageError } from './errors'
import { commandHelp, globalHelp } from './help'
import type { CliIo } from './io'

/**
 * `dllab <command> …`: finds the command, parses its options, runs it, and turns whatever it throws
 * into one line on stderr and an exit code (errors.ts). main.ts calls this with the real process;
 * tests call it with buffers.
 */
export interface RunCliOptions {
  appRoot: string
  version: string
  /** The training worker to fork (default: the supervisor's, found from its own module). */
  workerScript?: WorkerScript
}

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } {
  const [first = '', second] = argv
  const group = commands.filter((c) => c.name.startsWith(`${first} `))
  if (group.length > 0) {
    const command = group.find((c) => c.name === `${first} ${second}`)
    if (!command) {
      const names = group.map((c) => `'${c.name}'`).join(', ')
      throw new UsageError(
        second === undefined
          ? `'${first}' needs a subcommand: ${names}`
          : `'${first} ${second}' is not a command; use ${names}`,
      )
    }
    return { command, rest: argv.slice(2) }
  }
  const command = commands.find((c) => c.name === first)
  if (!command) {
    const near = commands.filter((c) => c.name.startsWith(first.slice(0, 2))).map((c) => c.name)
    throw new UsageError(
      `unknown command '${first}'` + (near.length > 0 ? `; did you mean ${near.join(' or ')}?` : ''),
    )
  }
  return { command, rest: argv.slice(1) }
}

export async function runCli(argv: readonly string[], io: CliIo, options: RunCliOptions): Promise<number> {
  const ctx = new CliContext(
    options.workerScript ? { io, ...options, workerScript: options.workerScript } : { io, ...options },
  )
  const debug = Boolean(io.env['DLLAB_DEBUG']) && io.env['DLLAB_DEBUG'] !== '0'
  let command: Command | undefined
  try {
    if (argv.length === 0) {
      io.stderr.write(globalHelp(commands, options.version))
      return EXIT.usage
    }
    if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      const topic = argv[0] === 'help' && argv.length > 1 ? findCommand(argv.slice(1)).command : undefined
      io.stdout.write(topic ? commandHelp(topic) : globalHelp(commands, options.version))
      return EXIT.ok
    }
    if (argv[0] === '--version' || argv[0] === '-V') {
      io.stdout.write(`${options.version}\n`)
      return EXIT.ok
    }
    if (argv[0]!.startsWith('-')) throw new UsageError(`put the command first, before '${argv[0]}'`)
    const found = findCommand(argv)
    command = found.command
    const args = parseCommandArgs(command.name, found.rest, command.options, command.positionals)
    if (args.values['help']) {
      io.stdout.write(commandHelp(command))
      return EXIT.ok
    }
    return await command.run(args, ctx)
  } catch (error) {
    const described = describeError(error)
    const internal = described.internal
    // a service's message may start with the command's own name ("export-mnist: …")
    const message =
      command && described.message.startsWith(`${command.name}: `)
        ? described.message.slice(command.name.length + 2)
        : described.message
    const usageOf = error instanceof UsageError ? (error.command ?? command?.name) : undefined
    const who = command ? `dllab ${command.name}` : usageOf ? `dllab ${usageOf}` : 'dllab'
    io.stderr.write(
      `${who}: ${message}${internal && !debug ? ' (an internal error; DLLAB_DEBUG=1 shows where)' : ''}\n`,
    )
    if (error instanceof UsageError) {
      const name = error.command ?? command?.name
      io.stderr.write(
        name ? `Run \`dllab ${name} --help\` for its usage.\n` : 'Run `dllab --help` for the commands.\n',
      )
    }
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
    return exitCodeOf(error)
  }
}
