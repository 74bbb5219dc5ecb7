import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from './atomic-write'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-atomic-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomic', () => {
  it('creates missing folders, replaces the old content and leaves no temporary file', async () => {
    const file = join(dir, 'a', 'b', 'settings.json')
    await writeFileAtomic(file, 'first')
    await writeFileAtomic(file, new TextEncoder().encode('second'))
    expect(await readFile(file, 'utf8')).toBe('second')
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['settings.json'])
  })

  it('keeps the old file and removes its temporary file when the rename fails', async () => {
    const target = join(dir, 'target')
    await writeFile(join(dir, 'keep'), 'old')
    // A non-empty folder in the way: rename(file → folder) fails.
    await writeFileAtomic(join(target, 'inner'), 'x')
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow()
    expect((await readdir(dir)).sort()).toEqual(['keep', 'target'])
    expect(await readFile(join(dir, 'keep'), 'utf8')).toBe('old')
  })
})
