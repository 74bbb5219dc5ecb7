import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as engine from './index'

/**
 * Runs the example of docs/engine.md exactly as printed there, so the documentation cannot go stale:
 * the code block after `<!-- example: toy-classifier -->` is executed against this engine (its import
 * line names what it uses), and what it prints must equal the block after
 * `<!-- output: toy-classifier -->`. The example is plain JavaScript-compatible TypeScript, so it runs
 * without a compile step.
 */
const doc = readFileSync(new URL('../../docs/engine.md', import.meta.url), 'utf8')

function blockAfter(marker: string): string {
  const at = doc.indexOf(marker)
  if (at < 0) throw new Error(`docs/engine.md has no ${marker}`)
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(doc.slice(at))
  if (!match) throw new Error(`docs/engine.md: no code block after ${marker}`)
  return match[1]!
}

const IMPORT = /^import \{([^}]+)\} from '\.\/src\/engine'\n/

describe('docs/engine.md', () => {
  it('the toy classifier example runs and prints what the page says', () => {
    const code = blockAfter('<!-- example: toy-classifier -->')
    const expected = blockAfter('<!-- output: toy-classifier -->').trimEnd().split('\n')
    const match = IMPORT.exec(code)
    expect(match, 'the example starts with one import from ./src/engine').not.toBeNull()
    const names = match![1]!.split(',').map((s) => s.trim())
    const api = engine as Record<string, unknown>
    for (const name of names) expect(api[name], `engine exports ${name}`).toBeDefined()
    const body = code.slice(match![0].length)
    expect(body.split('\n').length).toBeLessThan(45)

    const printed: string[] = []
    const console = { log: (...args: unknown[]) => printed.push(args.join(' ')) }
    const run = new Function(...names, 'console', body) as (...args: unknown[]) => void
    run(...names.map((name) => api[name]), console)
    expect(printed).toEqual(expected)
  })
})
