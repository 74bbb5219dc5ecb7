import { GLOBAL_OPTIONS, type OptionSpecs } from './args'
import type { Command } from './commands/command'

/** `dllab --help` and `dllab <command> --help`. */
function optionLines(options: OptionSpecs): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : '    '
    const left = `  ${short}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`
    return [left, o.help] as const
  })
  const width = Math.max(...rows.map(([l]) => l.length)) + 2
  return rows.map(([l, h]) => `${l.padEnd(width)}${h}`)
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: dllab ${command.name} ${command.usage}`, '', command.description.trim(), '']
  lines.push('Options:', ...optionLines({ ...command.options, ...GLOBAL_OPTIONS }))
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`))
  return `${lines.join('\n')}\n`
}

export function globalHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4
  return [
    `dllab ${version}: DL Lab's command line (the same engine and services as the desktop app)`,
    '',
    'Usage: dllab <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options for every command:',
    ...optionLines({
      ...GLOBAL_OPTIONS,
      version: { type: 'boolean', short: 'V', help: 'print the version' },
    }),
    '',
    "Run `dllab <command> --help` for a command's arguments and options.",
    'Exit codes: 0 done, 1 failed (one line says why), 2 wrong usage, 130 stopped with Ctrl-C.',
    'DLLAB_DEBUG=1 prints stack traces.',
    '',
  ].join('\n')
}
