import { ShuffleSampler } from '../../src/engine'
import { randomOneHot, uniformData } from '../../src/engine/models/test-support/toy-data'
import { measure } from '../measure'

/**
 * The child-process side of the JavaScript peers (convnetjs.ts, tfjs-wasm.ts), each started by
 * bench/peers.ts as `node --import tsx bench/peers-js/<peer>.ts --budget <s> [--only <id>]…` so the
 * peer's globals, heap and wasm memory stay out of our own measurement. It prints one JSON object
 * per line on stdout, in the format of tools/bench/torch_bench.py:
 *   {"peer", "version", "workload", "threads", "batchSize", "samplesPerSecond", "samplesPerCpuSecond", "seconds"}
 * plus {"peer", "missing"} when the package does not import, {"peer", "workload", "unsupported"} when
 * the peer cannot run a workload, and {"peer", "note"} for what differs from bench/workloads.ts.
 * Data is the bench's: the same synthetic pool (uniform pixels, random one-hot labels, same seeds) and
 * the same shuffled minibatch order, timed by the same measure().
 */
export const POOL = 1024

export interface ChildArgs {
  budget: number
  only: string[]
}

export function parseChildArgs(argv: readonly string[]): ChildArgs {
  const args: ChildArgs = { budget: 2.5, only: [] }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--budget') args.budget = Number(argv[++i])
    else if (argv[i] === '--only') args.only.push(String(argv[++i]))
    else throw new Error(`bench peer: unknown argument '${argv[i]}'; use --budget <s>, --only <id>`)
  }
  if (!(args.budget > 0)) throw new Error('bench peer: --budget must be a positive number of seconds')
  return args
}

export function wanted(args: ChildArgs, workload: string): boolean {
  return args.only.length === 0 || args.only.some((o) => workload.includes(o))
}

/** The synthetic pool of bench/workloads.ts: inputs (POOL × features) and one-hot targets (POOL × 10). */
export function syntheticPool(features: number): { x: Float32Array; t: Float32Array; labels: Int32Array } {
  const x = uniformData([POOL, features], 2).data
  const t = randomOneHot(POOL, 10, 3).data
  const labels = new Int32Array(POOL)
  for (let i = 0; i < POOL; i++) labels[i] = t.subarray(i * 10, i * 10 + 10).indexOf(1)
  return { x, t, labels }
}

/** The bench's minibatch order: a reshuffled permutation of the pool, `batchSize` indices per call. */
export function sampler(batchSize: number): () => Int32Array {
  const s = new ShuffleSampler({ size: POOL, batchSize, seed: 4 })
  return () => s.next()
}

export function emit(line: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(line) + '\n')
}

export interface PeerInfo {
  peer: string
  version: string
  threads: number
}

/** Times `step` (returns samples) with the bench's measure() and prints the result line. */
export function measureAndEmit(
  info: PeerInfo,
  workload: string,
  batchSize: number,
  step: () => number,
  budget: number,
): void {
  const m = measure(step, { budgetSeconds: budget })
  emit({
    peer: info.peer,
    version: info.version,
    workload,
    threads: info.threads,
    batchSize,
    samplesPerSecond: Number(m.rate.toFixed(1)),
    samplesPerCpuSecond: Number(m.cpuRate.toFixed(1)),
    seconds: Number(m.seconds.toFixed(2)),
  })
}
