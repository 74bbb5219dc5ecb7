import { monitorEventLoopDelay } from 'node:perf_hooks'

/**
 * Watches the main event loop while a job runs. perf_hooks' histogram gives the delays timers saw;
 * a tick every `tickMs` also records, for each late tick, how much CPU this process used in the gap.
 * On a loaded machine (two cores shared by several test runs) the process is often simply not
 * scheduled: a 100 ms gap with 5 ms of CPU is waiting, not blocking. A gap the main thread spent
 * busy shows CPU time close to its length; `longestBusyMs` is the worst of those.
 */
export class LoopMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: 5 })
  private timer: ReturnType<typeof setInterval> | undefined
  private last = 0
  private lastCpu = process.cpuUsage()
  longestGapMs = 0
  longestBusyMs = 0

  constructor(private readonly tickMs = 5) {}

  start(): void {
    this.histogram.enable()
    this.last = performance.now()
    this.lastCpu = process.cpuUsage()
    this.timer = setInterval(() => this.tick(), this.tickMs)
  }

  stop(): { maxMs: number; p99Ms: number; meanMs: number; longestGapMs: number; longestBusyMs: number } {
    clearInterval(this.timer)
    this.histogram.disable()
    return {
      maxMs: this.histogram.max / 1e6,
      p99Ms: this.histogram.percentile(99) / 1e6,
      meanMs: this.histogram.mean / 1e6,
      longestGapMs: this.longestGapMs,
      longestBusyMs: this.longestBusyMs,
    }
  }

  private tick(): void {
    const now = performance.now()
    const cpu = process.cpuUsage(this.lastCpu)
    const gap = now - this.last - this.tickMs
    this.longestGapMs = Math.max(this.longestGapMs, gap)
    this.longestBusyMs = Math.max(this.longestBusyMs, Math.min(gap, (cpu.user + cpu.system) / 1000))
    this.last = now
    this.lastCpu = process.cpuUsage()
  }
}
