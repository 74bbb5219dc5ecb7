import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'

/** Where the numbers were measured: CPU model (from /proc/cpuinfo on Linux), cores, Node version. */
export interface Machine {
  cpu: string
  cores: number
  node: string
  platform: string
}

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8')
    const line = info.split('\n').find((l) => /^(model name|Model|Hardware)\s*:/.test(l))
    if (line) return line.slice(line.indexOf(':') + 1).trim()
  } catch {
    // not Linux: fall through
  }
  return 'unknown CPU'
}

export function machine(): Machine {
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  }
}
