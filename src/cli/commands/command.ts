import type { OptionSpecs, ParsedArgs } from '../args'
import type { CliContext } from '../context'

/** One `dllab` command: its help, its options, and what it does (returns the exit code). */
export interface Command {
  /** "train", or two words for a group: "datasets scan". */
  name: string
  /** One line for `dllab --help`. */
  summary: string
  /** The arguments after the name: "EXPERIMENT|PRESET [options]". */
  usage: string
  /** Paragraphs for `dllab <command> --help`. */
  description: string
  options: OptionSpecs
  positionals: { min: number; max: number; names: string }
  /** Examples for --help. */
  examples?: string[]
  run(args: ParsedArgs, ctx: CliContext): Promise<number>
}
