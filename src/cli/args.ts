import { parseArgs } from 'node:util'
import { THREADS_ENV, parseThreadCount } from '../worker/gemm-pool/thread-count'
import { UsageError } from './errors'

/**
 * Command-line options of one command, parsed strictly by node:util's parseArgs: an unknown option,
 * a missing value or a stray argument is a UsageError (exit 2) naming it. Every command also takes
 * --workspace DIR and --help.
 */
export interface OptionSpec {
  type: 'string' | 'boolean'
  /** One line for --help. */
  help: string
  /** The value's placeholder in --help ("DIR", "N"). */
  value?: string
  short?: string
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>

export interface ParsedArgs {
  positionals: string[]
  values: Readonly<Record<string, string | boolean | undefined>>
}

export const GLOBAL_OPTIONS: OptionSpecs = {
  workspace: {
    type: 'string',
    value: 'DIR',
    help: "the workspace folder holding runs/ (default: DL Lab's setting, or $DLLAB_WORKSPACE)",
  },
  threads: {
    type: 'string',
    value: 'N',
    help: 'threads for GEMM and convolution in training (default: $DLLAB_THREADS, else all cores)',
  },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
}

interface NodeParseError extends Error {
  code?: string
}

export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  options: OptionSpecs,
  positionals: { min: number; max: number; names: string },
): ParsedArgs {
  const all = { ...GLOBAL_OPTIONS, ...options }
  const config = Object.fromEntries(
    Object.entries(all).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
  )
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true })
  } catch (error) {
    const e = error as NodeParseError
    if (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
      const first = e.message.split(/\.\s|\n/)[0]!.replace(/\.$/, '')
      throw new UsageError(first.charAt(0).toLowerCase() + first.slice(1), command)
    }
    throw error
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  if (values['help']) return { positionals: parsed.positionals, values }
  const count = parsed.positionals.length
  if (count < positionals.min) {
    throw new UsageError(`missing ${positionals.names}`, command)
  }
  if (count > positionals.max) {
    const extra = parsed.positionals.slice(positionals.max).map((p) => `'${p}'`)
    throw new UsageError(`unexpected argument ${extra.join(' ')}`, command)
  }
  // --threads reaches the kernels (in this process and in forked training workers) as DLLAB_THREADS
  if (typeof values['threads'] === 'string') {
    try {
      process.env[THREADS_ENV] = String(parseThreadCount(values['threads'], '--threads'))
    } catch (error) {
      throw new UsageError((error as Error).message, command)
    }
  }
  return { positionals: parsed.positionals, values }
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name]
  return typeof v === 'string' ? v : undefined
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true
}

/** An integer option within [min, max], or undefined when not given. */
export function intOption(
  command: string,
  args: ParsedArgs,
  name: string,
  range: { min: number; max?: number },
): number | undefined {
  const text = stringOption(args, name)
  if (text === undefined) return undefined
  const value = Number(text)
  const max = range.max ?? Number.MAX_SAFE_INTEGER
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < range.min || value > max) {
    const what =
      range.max !== undefined
        ? `an integer from ${range.min} to ${range.max}`
        : range.min === 1
          ? 'a positive integer'
          : `an integer ≥ ${range.min}`
    throw new UsageError(`--${name} must be ${what}, got '${text}'`, command)
  }
  return value
}

/** A choice among fixed words. */
export function choiceOption<T extends string>(
  command: string,
  args: ParsedArgs,
  name: string,
  choices: readonly T[],
): T | undefined {
  const text = stringOption(args, name)
  if (text === undefined) return undefined
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError(`--${name} must be ${choices.join(' or ')}, got '${text}'`, command)
  }
  return text as T
}
