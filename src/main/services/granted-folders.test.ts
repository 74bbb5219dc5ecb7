import { realpathSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderAccessError } from './errors'
import { FolderAccess } from './folder-access'
import { GRANTED_FOLDERS_FORMAT, grantedFoldersFile, MAX_FOLDERS } from './granted-folders'

let dir: string
let config: string
const workspace = async () => join(dir, 'work')

beforeEach(async () => {
  dir = realpathSync(await mkdtemp(join(tmpdir(), 'dllab-granted-')))
  config = join(dir, 'config')
  for (const name of ['cifar/train', 'shapes', 'secret', 'work'])
    await mkdir(join(dir, name), { recursive: true })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('granted folders across a restart', () => {
  it('lets the next process read a folder the user chose, and nothing else', async () => {
    const before = new FolderAccess(workspace, grantedFoldersFile(config))
    await before.grant(join(dir, 'cifar'))
    await before.grant(join(dir, 'shapes'))

    const after = new FolderAccess(workspace, grantedFoldersFile(config))
    expect(await after.resolve(join(dir, 'cifar', 'train'))).toBe(join(dir, 'cifar', 'train'))
    expect(after.granted()).toEqual([join(dir, 'cifar'), join(dir, 'shapes')])
    await expect(after.resolve(join(dir, 'secret'))).rejects.toThrow(FolderAccessError)
  })

  it('forgets a folder that was deleted, and keeps the newest choices first to go last', async () => {
    const before = new FolderAccess(workspace, grantedFoldersFile(config))
    await before.grant(join(dir, 'cifar'))
    await before.grant(join(dir, 'shapes'))
    await before.grant(join(dir, 'cifar')) // chosen again: now the newest
    const file = JSON.parse(await readFile(join(config, 'granted-folders.json'), 'utf8')) as unknown
    expect(file).toEqual({
      format: GRANTED_FOLDERS_FORMAT,
      folders: [join(dir, 'shapes'), join(dir, 'cifar')],
    })

    await rm(join(dir, 'shapes'), { recursive: true })
    const after = new FolderAccess(workspace, grantedFoldersFile(config))
    await after.resolve(join(dir, 'cifar'))
    expect(after.granted()).toEqual([join(dir, 'cifar')])
  })

  it('reads a damaged file as no folders, and reports it', async () => {
    await mkdir(config, { recursive: true })
    await writeFile(
      join(config, 'granted-folders.json'),
      '{"format":"dllab.granted-folders/1","folders":["relative"]}',
    )
    const errors: unknown[] = []
    const after = new FolderAccess(
      workspace,
      grantedFoldersFile(config, (e) => errors.push(e)),
    )
    await expect(after.resolve(join(dir, 'cifar'))).rejects.toThrow(FolderAccessError)
    expect(errors).toHaveLength(1)
  })

  it(`keeps the ${MAX_FOLDERS} most recent folders`, async () => {
    const store = grantedFoldersFile(config)
    const many = Array.from({ length: MAX_FOLDERS + 5 }, (_, i) => join(dir, `f${i}`))
    await store.save(many)
    expect(await store.load()).toEqual(many.slice(5))
  })
})
