import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { useBackend } from '../src/engine/kernels/registry'
import { WASM_MODULES } from '../src/engine/kernels/wasm'
import { DEFAULT_WASM_DIR, loadWasmKernels } from '../src/worker/load-wasm-kernels'
import { machine } from './machine'
import { measure } from './measure'
import { type PeerResult, type PeerRun, runPeers } from './peers'
import { type Workload, workloads } from './workloads'

/**
 * `npm run bench` — training throughput (samples/s) of the lecture's networks and GEMM GFLOP/s, one
 * thread, on the chosen kernel backend, and the same workloads on the installed peers (bench/peers.ts:
 * PyTorch at 1 and 2 threads, the lecture's NumPy DL.py, ConvNetJS, tfjs-backend-wasm) with the ratios ours / peer. Options:
 *   --backend js|wasm  kernels to use (default wasm when build/wasm/ holds the modules, else js);
 *                      wasm takes the relaxed-SIMD build when the runtime has it: run
 *                      `node --experimental-wasm-relaxed-simd --import tsx bench/run.ts` on Node 20
 *   --json             one JSON object per line: ours {workload, samplesPerSecond | gflops,
 *                      samplesPerCpuSecond?, threads, backend, relaxedSimd, …}, then peers {peer, …}
 *                      and ratios {ratio, workload, peer, peerThreads, basis}
 *   --budget <s>       seconds measured per workload (default 2.5)
 *   --only <text>      only workloads whose id contains the text (repeatable)
 *   --no-peers         skip the peers (Python and JavaScript)
 *   --threads <n[,n…]> wasm GEMM/convolution threads (default 1); several counts run each workload
 *                      on each, alternating, and print the speedup over the first count
 *   --repeat <r>       rounds of the alternation (default 1): ranges over rounds on a shared machine
 * Data is synthetic (random pixels of MNIST's shape): the numbers measure speed, not learning.
 */
export type BackendChoice = 'js' | 'wasm'

interface Args {
  json: boolean
  budget: number
  only: string[]
  backend: BackendChoice
  peers: boolean
  threads: number[]
  repeat: number
}

export function wasmBuilt(): boolean {
  return existsSync(fileURLToPath(new URL(WASM_MODULES.simd, DEFAULT_WASM_DIR)))
}

export function parseArgs(argv: readonly string[], defaultBackend: BackendChoice): Args {
  const args: Args = {
    json: false,
    budget: 2.5,
    only: [],
    backend: defaultBackend,
    peers: true,
    threads: [1],
    repeat: 1,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--json') args.json = true
    else if (a === '--budget') args.budget = Number(argv[++i])
    else if (a === '--only') args.only.push(String(argv[++i]))
    else if (a === '--no-peers') args.peers = false
    else if (a === '--threads') args.threads = String(argv[++i]).split(',').map(Number)
    else if (a === '--repeat') args.repeat = Number(argv[++i])
    else if (a === '--backend') {
      const b = argv[++i]
      if (b !== 'js' && b !== 'wasm') throw new Error(`bench: --backend must be js or wasm, got '${b}'`)
      args.backend = b
    } else {
      throw new Error(
        `bench: unknown argument '${a}'; use --backend js|wasm, --json, --budget <seconds>, --only <id>, ` +
          `--no-peers, --threads <n[,n…]>, --repeat <rounds>`,
      )
    }
  }
  if (!(args.budget > 0)) throw new Error('bench: --budget must be a positive number of seconds')
  if (args.threads.length === 0 || !args.threads.every((t) => Number.isInteger(t) && t >= 1)) {
    throw new Error('bench: --threads takes whole numbers ≥ 1, comma-separated (e.g. 1,2)')
  }
  if (!Number.isInteger(args.repeat) || args.repeat < 1)
    throw new Error('bench: --repeat must be a whole number ≥ 1')
  return args
}

export interface Result {
  workload: string
  samplesPerSecond?: number
  samplesPerCpuSecond?: number
  gflops?: number
  threads: number
  backend: BackendChoice
  relaxedSimd: boolean
  batchSize?: number
  seconds: number
  /**
   * Training workloads: memory right after the measurement, MiB. rss and arrayBuffers are the whole
   * process's (Node, tsx, wasm memory, and whatever earlier workloads left for the GC), so run one
   * workload (`--only lenet5`) for its steady state; weights (parameter values, float32) and data (the
   * synthetic pool, inputs and targets) are this workload's own.
   */
  memory?: { rssMiB: number; arrayBuffersMiB: number; weightsMiB: number; dataMiB: number }
}

const mib = (bytes: number): number => Number((bytes / 2 ** 20).toFixed(2))

export interface Ratio {
  ratio: number
  workload: string
  peer: string
  peerThreads: number
  /** 'cpu': samples per CPU-second on both sides (both single-threaded); 'wall': samples per second. */
  basis: 'cpu' | 'wall'
}

export function runWorkload(
  w: Workload,
  budgetSeconds: number,
  backend: BackendChoice,
  relaxedSimd: boolean,
  threads = 1,
): Result {
  const step = w.create()
  const m = measure(step, { budgetSeconds })
  const usage = process.memoryUsage()
  const base = { workload: w.id, threads, backend, relaxedSimd }
  const seconds = Number(m.seconds.toFixed(2))
  return w.unit === 'samples'
    ? {
        ...base,
        samplesPerSecond: Number(m.rate.toFixed(1)),
        samplesPerCpuSecond: Number(m.cpuRate.toFixed(1)),
        batchSize: w.batchSize!,
        seconds,
        memory: {
          rssMiB: mib(usage.rss),
          arrayBuffersMiB: mib(usage.arrayBuffers),
          weightsMiB: mib(step.weightBytes ?? 0),
          dataMiB: mib(step.dataBytes ?? 0),
        },
      }
    : { ...base, gflops: Number((m.rate / 1e9).toFixed(3)), seconds }
}

/**
 * ours / peer. A single-threaded peer is compared per CPU-second (our bench is single-threaded, and
 * CPU time is what the other processes of a shared machine disturb least); a multi-threaded or
 * default-threaded one per wall second, since its CPU time counts all its threads.
 */
export function ratios(ours: readonly Result[], peers: readonly PeerResult[]): Ratio[] {
  const out: Ratio[] = []
  for (const p of peers) {
    const same = (r: Result) => r.workload === p.workload
    const o = ours.find((r) => same(r) && r.threads === Math.max(1, p.threads)) ?? ours.find(same)
    if (!o || o.samplesPerSecond === undefined) continue
    const cpu = p.threads === 1
    const value = cpu
      ? o.samplesPerCpuSecond! / p.samplesPerCpuSecond
      : o.samplesPerSecond / p.samplesPerSecond
    out.push({
      ratio: Number(value.toFixed(3)),
      workload: p.workload,
      peer: p.peer,
      peerThreads: p.threads,
      basis: cpu ? 'cpu' : 'wall',
    })
  }
  return out
}

function printPeers(runs: readonly PeerRun[], ours: readonly Result[]): void {
  for (const run of runs) {
    if (run.missing) {
      console.log(`\n${run.peer}: ${run.missing}`)
      continue
    }
    const v = run.results[0]?.version ?? ''
    console.log(
      `\n${[run.peer, v].filter(Boolean).join(' ')} (samples/s; /CPU-s = per CPU-second; ratio = ours / peer)`,
    )
    for (const note of run.notes ?? []) console.log(`  ${note}`)
    const rs = ratios(ours, run.results)
    for (const p of run.results) {
      const r = rs.find((x) => x.workload === p.workload && x.peerThreads === p.threads)
      const threads = p.threads === 0 ? 'default threads' : `${p.threads} thread${p.threads > 1 ? 's' : ''}`
      const ratio = r ? `ours/peer ${r.ratio.toFixed(2)} (${r.basis === 'cpu' ? 'per CPU-s' : 'wall'})` : ''
      console.log(
        `${p.workload.padEnd(12)} ${threads.padEnd(16)} ${p.samplesPerSecond.toFixed(0).padStart(8)} /s ` +
          `${p.samplesPerCpuSecond.toFixed(0).padStart(8)} /CPU-s   ${ratio}`,
      )
    }
  }
}

function printResult(w: Workload, r: Result, showThreads: boolean): void {
  const value =
    r.samplesPerSecond !== undefined
      ? `${r.samplesPerSecond.toFixed(0)} samples/s`
      : `${r.gflops!.toFixed(2)} GFLOP/s`
  const cpu = r.samplesPerCpuSecond !== undefined ? r.samplesPerCpuSecond.toFixed(0) : ''
  const mem = r.memory
    ? `rss ${r.memory.rssMiB.toFixed(0)} MiB (weights ${r.memory.weightsMiB} + data ${r.memory.dataMiB})`
    : ''
  const id = showThreads ? `${w.id} ×${r.threads}` : w.id
  console.log(
    `${id.padEnd(12)} ${value.padStart(16)} ${cpu.padStart(10)}  ${mem.padEnd(40)} ${w.description}`,
  )
}

/** Wall-clock speedup of each thread count over the first (samples/s or GFLOP/s). */
export function speedups(results: readonly Result[]): number[] {
  const rate = (r: Result) => r.samplesPerSecond ?? r.gflops ?? 0
  const base = rate(results[0]!)
  return results.map((r) => Number((rate(r) / base).toFixed(3)))
}

function printSpeedups(w: Workload, results: readonly Result[]): void {
  const parts = speedups(results).map((x, i) => `×${results[i]!.threads} ${x.toFixed(2)}`)
  console.log(`${`${w.id} speedup`.padEnd(28)} ${parts.join('  ')} (wall, over ×${results[0]!.threads})`)
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), wasmBuilt() ? 'wasm' : 'js')
  let relaxedSimd = false
  const threadNotes: string[] = []
  if (args.backend === 'wasm') {
    // one backend per thread count, switched before each measurement; the shared-memory build whenever it exists (1 thread included), so training arrays stay resident in wasm memory
    for (const threads of args.threads) {
      const loaded = await loadWasmKernels({ threads, backend: `wasm-t${threads}`, activate: false })
      relaxedSimd = loaded.relaxedSimd
      if (loaded.threads !== threads) threadNotes.push(`${threads} threads unavailable: ${loaded.note ?? ''}`)
    }
  }
  const threadsText = args.threads.map((t) => `${t} thread${t > 1 ? 's' : ''}`).join(' vs ')
  const chosen = workloads.filter((w) => args.only.length === 0 || args.only.some((o) => w.id.includes(o)))
  const backendText =
    args.backend === 'wasm' ? `wasm (relaxed SIMD ${relaxedSimd ? 'on' : 'off'})` : 'js (reference kernels)'
  if (!args.json) {
    const m = machine()
    console.log(`DL Lab engine benchmark — ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.platform}`)
    console.log(
      `backend ${backendText}; ${threadsText}; synthetic data of MNIST shape; ${args.budget} s per workload` +
        `${args.repeat > 1 ? `, ${args.repeat} rounds` : ''}\n`,
    )
    for (const note of threadNotes) console.log(`note: ${note}`)
    console.log(
      `${'workload'.padEnd(12)} ${'result'.padStart(16)} ${'per CPU-s'.padStart(10)}  ${'memory'.padEnd(40)} description`,
    )
  }
  const ours: Result[] = []
  for (const w of chosen) {
    const rounds: Result[][] = []
    for (let round = 0; round < args.repeat; round++) {
      const results: Result[] = []
      for (const threads of args.threads) {
        if (args.backend === 'wasm') useBackend(`wasm-t${threads}`)
        const r = runWorkload(w, args.budget, args.backend, relaxedSimd, threads)
        results.push(r)
        if (args.json) console.log(JSON.stringify(r))
        else printResult(w, r, args.threads.length > 1)
      }
      if (args.threads.length > 1 && !args.json) printSpeedups(w, results)
      rounds.push(results)
    }
    ours.push(...rounds[0]!)
  }
  if (!args.peers) return
  const runs = runPeers(args.budget, args.only)
  if (args.json) {
    for (const run of runs) {
      if (run.missing) console.log(JSON.stringify({ peer: run.peer, missing: run.missing }))
      for (const note of run.notes ?? []) console.log(JSON.stringify({ peer: run.peer, note }))
      for (const p of run.results) console.log(JSON.stringify(p))
      for (const r of ratios(ours, run.results)) console.log(JSON.stringify(r))
    }
  } else {
    printPeers(runs, ours)
  }
}

// Run only as the entry script (`tsx bench/run.ts`), so tests can import the helpers above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
