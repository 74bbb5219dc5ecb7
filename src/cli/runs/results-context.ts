import type { ResultsContext } from '../../main/services/results'
import type { CliContext } from '../context'
import { StatusLine } from '../format/status-line'

/**
 * The results service's context for a CLI command: preset models from the CLI's catalogue, relative
 * data paths from the working folder, image loading shown on a status line on stderr.
 */
export function cliResultsContext(ctx: CliContext, workspace: string): ResultsContext {
  const status = new StatusLine(ctx.io.stderr)
  return {
    modelOf: (experiment) => ctx.modelOf(experiment),
    workspace,
    baseDir: ctx.io.cwd,
    progress: {
      update: (done, total) => status.update(`loading images: ${done} / ${total}`),
      done: () => status.done(),
    },
  }
}
