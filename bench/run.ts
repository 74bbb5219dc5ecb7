import { kernelBackends } from '../src/engine'
import { machine } from './machine'
import { measure } from './measure'
import { type Workload, workloads } from './workloads'

/**
 * `npm run bench` — training throughput (samples/s) of the lecture's networks and GEMM GFLOP/s, one
 * thread, with whatever kernel backend the engine activates. Options:
 *   --json          one JSON object per line: {workload, samplesPerSecond | gflops, threads, backend, …}
 *   --budget <s>    seconds measured per workload (default 2.5)
 *   --only <text>   only workloads whose id contains the text (repeatable)
 * Data is synthetic (random pixels of MNIST's shape): the numbers measure speed, not learning.
 */
interface Args {
  json: boolean
  budget: number
  only: string[]
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false, budget: 2.5, only: [] }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--json') args.json = true
    else if (a === '--budget') args.budget = Number(argv[++i])
    else if (a === '--only') args.only.push(String(argv[++i]))
    else throw new Error(`bench: unknown argument '${a}'; use --json, --budget <seconds>, --only <id>`)
  }
  if (!(args.budget > 0)) throw new Error('bench: --budget must be a positive number of seconds')
  return args
}

export interface Result {
  workload: string
  samplesPerSecond?: number
  gflops?: number
  threads: 1
  backend: string
  batchSize?: number
  seconds: number
}

export function runWorkload(w: Workload, budgetSeconds: number): Result {
  const step = w.create()
  const m = measure(step, { budgetSeconds })
  const backend = kernelBackends()['gemm'] ?? 'unknown'
  const base = { workload: w.id, threads: 1 as const, backend }
  const seconds = Number(m.seconds.toFixed(2))
  return w.unit === 'samples'
    ? { ...base, samplesPerSecond: Number(m.rate.toFixed(1)), batchSize: w.batchSize!, seconds }
    : { ...base, gflops: Number((m.rate / 1e9).toFixed(3)), seconds }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2))
  const chosen = workloads.filter((w) => args.only.length === 0 || args.only.some((o) => w.id.includes(o)))
  if (!args.json) {
    const m = machine()
    console.log(`DL Lab engine benchmark — ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}`)
    console.log(`synthetic data of MNIST shape; ${args.budget} s per workload; 1 thread\n`)
    console.log(`${'workload'.padEnd(12)} ${'result'.padStart(16)}  backend  description`)
  }
  for (const w of chosen) {
    const r = runWorkload(w, args.budget)
    if (args.json) {
      console.log(JSON.stringify(r))
    } else {
      const value =
        r.samplesPerSecond !== undefined
          ? `${r.samplesPerSecond.toFixed(0)} samples/s`
          : `${r.gflops!.toFixed(2)} GFLOP/s`
      console.log(`${w.id.padEnd(12)} ${value.padStart(16)}  ${r.backend.padEnd(7)}  ${w.description}`)
    }
  }
}

main()
