import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, parse } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderError, describeFsError } from './errors'
import { listFolders } from './folders'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dllab-folders-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('listFolders', () => {
  it('lists visible sub-folders in natural order, with links to folders, without files', async () => {
    for (const name of ['10', '2', 'Cats', 'apple', '.git', '1']) await mkdir(join(dir, name))
    await writeFile(join(dir, 'notes.txt'), 'x')
    await symlink(join(dir, 'Cats'), join(dir, 'linked'))
    await symlink(join(dir, 'nowhere'), join(dir, 'broken'))

    const listing = await listFolders(dir)
    expect(listing.path).toBe(dir)
    expect(listing.parent).toBe(join(dir, '..'))
    expect(listing.folders.map((f) => f.name)).toEqual(['1', '2', '10', 'apple', 'Cats', 'linked'])
    expect(listing.folders[0]).toEqual({ name: '1', path: join(dir, '1') })
  })

  it('resolves the path it is given and has no parent at a file-system root', async () => {
    await mkdir(join(dir, 'a'))
    expect((await listFolders(join(dir, 'a', '..'))).path).toBe(dir)
    const root = parse(dir).root
    expect((await listFolders(root)).parent).toBeNull()
  })

  it('says clearly why a folder cannot be listed', async () => {
    await expect(listFolders(join(dir, 'missing'))).rejects.toThrow(FolderError)
    await expect(listFolders(join(dir, 'missing'))).rejects.toThrow(
      `Cannot list the folder ${join(dir, 'missing')}: it does not exist`,
    )
    await writeFile(join(dir, 'file'), 'x')
    await expect(listFolders(join(dir, 'file'))).rejects.toThrow('it is not a folder')
  })
})

describe('describeFsError', () => {
  it('puts file-system error codes into words', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code })
    expect(describeFsError(err('EACCES'))).toBe('permission denied')
    expect(describeFsError(err('EPERM'))).toBe('permission denied')
    expect(describeFsError(err('ELOOP'))).toBe('too many symbolic links (a link loop)')
    expect(describeFsError(err('EIO'))).toBe('EIO: raw')
    expect(describeFsError('odd')).toBe('odd')
  })
})
