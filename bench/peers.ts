import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runJsPeers } from './peers-js/spawn'

/**
 * Peers of `npm run bench`: the same workloads in PyTorch (tools/bench/torch_bench.py, 1 and 2
 * threads) and the lecture's DL.py in NumPy (tools/bench/numpy_dl.py), run by Debian's
 * /usr/bin/python3 in child processes. A peer runs only where that Python imports its module
 * (python3-torch, python3-numpy); otherwise it is reported as not installed and the bench goes on.
 *
 * The children get the environment minus OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, so OpenBLAS
 * (libopenblas0-pthread) picks its kernels for this CPU as on a student's laptop; our own process
 * keeps its environment. torch runs once per thread count with OPENBLAS_NUM_THREADS equal to it; numpy_dl runs twice: OPENBLAS_NUM_THREADS=1 (the 1-thread comparison) and
 * OpenBLAS's default thread count (what `python3 DL.py` gets).
 * Then the JavaScript peers, ConvNetJS and tfjs-backend-wasm, in child Node processes
 * (bench/peers-js/spawn.ts).
 */
export const PYTHON = '/usr/bin/python3'

export interface PeerResult {
  /** torch, numpy, convnetjs or tfjs-wasm. */
  peer: string
  version: string
  workload: string
  /** Threads the peer was given; 0 = the library's default. */
  threads: number
  batchSize: number
  samplesPerSecond: number
  samplesPerCpuSecond: number
  seconds: number
}

export interface PeerRun {
  peer: string
  /** Why there are no results (not installed, or the script failed), or undefined. */
  missing?: string
  results: PeerResult[]
  /** Workloads the peer cannot run and what it does differently (JavaScript peers). */
  notes?: string[]
}

const toolsDir = fileURLToPath(new URL('../tools/bench/', import.meta.url))

function peerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  delete env['OPENBLAS_CORETYPE']
  delete env['OPENBLAS_L2_SIZE']
  return env
}

/** Whether /usr/bin/python3 exists and imports `module`. */
export function pythonHas(module: string): boolean {
  if (!existsSync(PYTHON)) return false
  const r = spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 60_000 })
  return r.status === 0
}

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): PeerResult[] {
  const r = spawnSync(PYTHON, [toolsDir + script, ...args], { env, encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) {
    throw new Error(`bench peer ${script} failed (exit ${r.status}): ${(r.stderr || '').trim().slice(-400)}`)
  }
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as PeerResult)
}

function run(peer: PeerRun['peer'], module: string, go: () => PeerResult[]): PeerRun {
  if (!pythonHas(module)) return { peer, missing: 'peer not installed', results: [] }
  try {
    return { peer, results: go() }
  } catch (error) {
    return { peer, missing: (error as Error).message, results: [] }
  }
}

export function runPeers(budget: number, only: readonly string[]): PeerRun[] {
  const onlyArgs = only.flatMap((o) => ['--only', o])
  const runs: PeerRun[] = []
  const wantDlpy = only.length === 0 || only.some((o) => 'dlpy-b1'.includes(o))
  if (wantDlpy) {
    runs.push(
      run('numpy', 'numpy', () => [
        ...runScript('numpy_dl.py', ['--budget', String(budget)], peerEnv({ OPENBLAS_NUM_THREADS: '1' })),
        ...runScript('numpy_dl.py', ['--budget', String(budget)], peerEnv()),
      ]),
    )
  }
  // One child per thread count, with OpenBLAS held to the same count: torch.set_num_threads bounds
  // torch's own pool, but Debian's torch calls OpenBLAS for its GEMMs, which starts its own threads.
  const torchRun = (threads: number): PeerResult[] =>
    runScript(
      'torch_bench.py',
      ['--budget', String(budget), '--threads', String(threads), ...onlyArgs],
      peerEnv({ OPENBLAS_NUM_THREADS: String(threads) }),
    )
  runs.push(run('torch', 'torch', () => [...torchRun(1), ...torchRun(2)]))
  runs.push(...runJsPeers(budget, only))
  return runs
}
