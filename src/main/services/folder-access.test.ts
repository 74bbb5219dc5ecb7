import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { realpathSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderAccessError, FolderError } from './errors'
import { FolderAccess, isInside } from './folder-access'

let dir: string
let access: FolderAccess
let workspace: string

beforeEach(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-access-')))
  for (const name of ['chosen/cat', 'secret', 'work/runs']) await mkdir(join(dir, name), { recursive: true })
  await writeFile(join(dir, 'secret', 'key.txt'), 'secret')
  workspace = join(dir, 'work')
  access = new FolderAccess(async () => workspace)
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('isInside', () => {
  it('matches the root and paths below it, not siblings sharing a prefix', () => {
    expect(isInside(`${sep}a${sep}b`, `${sep}a${sep}b`)).toBe(true)
    expect(isInside(`${sep}a${sep}b`, `${sep}a${sep}b${sep}c`)).toBe(true)
    expect(isInside(`${sep}a${sep}b`, `${sep}a${sep}bc`)).toBe(false)
    expect(isInside(sep, `${sep}x`)).toBe(true)
  })
})

describe('FolderAccess', () => {
  it('refuses folders the user has not chosen', async () => {
    await expect(access.resolve(join(dir, 'chosen'))).rejects.toThrow(FolderAccessError)
    await expect(access.resolve(join(dir, 'chosen'))).rejects.toThrow(
      `${join(dir, 'chosen')} is outside the folders you chose and the workspace; choose the folder first`,
    )
  })

  it('allows a chosen folder and everything inside it', async () => {
    expect(await access.grant(join(dir, 'chosen'))).toBe(join(dir, 'chosen'))
    expect(access.granted()).toEqual([join(dir, 'chosen')])
    expect(await access.resolve(join(dir, 'chosen'))).toBe(join(dir, 'chosen'))
    expect(await access.resolve(join(dir, 'chosen', 'cat'))).toBe(join(dir, 'chosen', 'cat'))
  })

  it('allows the workspace without a grant', async () => {
    expect(await access.resolve(join(workspace, 'runs'))).toBe(join(workspace, 'runs'))
  })

  it('resolves .. before checking, so traversal out of a chosen folder is refused', async () => {
    await access.grant(join(dir, 'chosen'))
    await expect(access.resolve(join(dir, 'chosen', '..', 'secret'))).rejects.toThrow(FolderAccessError)
    await expect(access.resolve(`${join(dir, 'chosen')}${sep}..${sep}secret${sep}key.txt`)).rejects.toThrow(
      FolderAccessError,
    )
  })

  it('follows symbolic links before checking, so a link out of a chosen folder is refused', async () => {
    await symlink(join(dir, 'secret'), join(dir, 'chosen', 'escape'))
    await access.grant(join(dir, 'chosen'))
    await expect(access.resolve(join(dir, 'chosen', 'escape', 'key.txt'))).rejects.toThrow(FolderAccessError)
  })

  it('grants the real folder behind a link to it', async () => {
    await symlink(join(dir, 'chosen'), join(dir, 'shortcut'))
    expect(await access.grant(join(dir, 'shortcut'))).toBe(join(dir, 'chosen'))
    expect(await access.resolve(join(dir, 'chosen', 'cat'))).toBe(join(dir, 'chosen', 'cat'))
  })

  it('refuses to grant a missing folder or a file', async () => {
    await expect(access.grant(join(dir, 'missing'))).rejects.toThrow(FolderError)
    await expect(access.grant(join(dir, 'missing'))).rejects.toThrow('it does not exist')
    await expect(access.grant(join(dir, 'secret', 'key.txt'))).rejects.toThrow('it is not a folder')
    expect(access.granted()).toEqual([])
  })

  it('reports a missing path as missing, not as forbidden', async () => {
    await expect(access.resolve(join(workspace, 'nothing'))).rejects.toThrow(FolderError)
  })
})
