import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { currentOwner, ownedElsewhere } from './owner'

describe('ownedElsewhere', () => {
  const host = hostname()

  it('is true only for another process alive on this host', () => {
    // The parent of this test process (vitest's main process) lives while the test runs.
    expect(ownedElsewhere({ pid: process.ppid, host })).toBe(true)
    expect(ownedElsewhere(currentOwner())).toBe(false)
    expect(ownedElsewhere(undefined)).toBe(false)
    expect(ownedElsewhere({ pid: process.ppid, host: `${host}-elsewhere` })).toBe(false)
  })

  it('is false for a process that has ended', () => {
    const ended = spawnSync(process.execPath, ['-e', '0'])
    expect(ended.status).toBe(0)
    expect(ownedElsewhere({ pid: ended.pid!, host })).toBe(false)
  })
})
