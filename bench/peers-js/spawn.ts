import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { PeerResult, PeerRun } from '../peers'

/**
 * The JavaScript peers of `npm run bench` — ConvNetJS (convnetjs.ts) and TensorFlow.js on its wasm
 * backend (tfjs-wasm.ts), optional devDependencies — each run in a child Node process so its globals,
 * heap and wasm memory stay out of our measurement. A child prints JSON lines (see child.ts); here
 * they become a PeerRun: result lines → results, {missing} → missing, {unsupported} and {note} →
 * notes ("<workload>: not supported: <reason>" and what differs from bench/workloads.ts).
 */
export const JS_PEERS = ['convnetjs', 'tfjs-wasm'] as const
export type JsPeer = (typeof JS_PEERS)[number]

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

interface ChildLine {
  peer: string
  missing?: string
  unsupported?: string
  note?: string
  workload?: string
}

/** Parses a child's stdout into a PeerRun (lines that are not JSON objects are ignored). */
export function parsePeerOutput(peer: string, stdout: string): PeerRun {
  const run: PeerRun = { peer, results: [], notes: [] }
  for (const text of stdout.split('\n')) {
    if (!text.startsWith('{')) continue
    const line = JSON.parse(text) as ChildLine
    if (line.missing) run.missing = line.missing
    else if (line.unsupported) run.notes!.push(`${line.workload}: not supported: ${line.unsupported}`)
    else if (line.note) run.notes!.push(line.note)
    else run.results.push(line as unknown as PeerResult)
  }
  return run
}

export function runJsPeer(peer: JsPeer, budget: number, only: readonly string[]): PeerRun {
  const script = fileURLToPath(new URL(`./${peer}.ts`, import.meta.url))
  const args = ['--import', 'tsx', script, '--budget', String(budget), ...only.flatMap((o) => ['--only', o])]
  const r = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) {
    // the last stderr line is the error's; tfjs's emscripten glue prints a whole minified file before it
    const last = (r.stderr || '').trim().split('\n').filter(Boolean).slice(-3).join(' ').slice(-400)
    return { peer, missing: `bench peer ${peer} failed (exit ${r.status}): ${last}`, results: [] }
  }
  return parsePeerOutput(peer, r.stdout)
}

/** The JS peers that have something to say for the chosen workloads (a result or a "not supported"). */
export function runJsPeers(budget: number, only: readonly string[]): PeerRun[] {
  return JS_PEERS.map((peer) => runJsPeer(peer, budget, only)).filter(
    (run) => run.missing || run.results.length > 0 || run.notes!.some((n) => n.includes('not supported')),
  )
}
