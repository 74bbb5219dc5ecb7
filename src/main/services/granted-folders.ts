import { mkdir, readFile } from 'node:fs/promises'
import { dirname, isAbsolute, join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from './atomic-write'

/**
 * The folders the user chose (dataset folders, picked in the system dialog or the web folder browser),
 * kept in `<configDir>/granted-folders.json` so that a dataset chosen before a restart can still be
 * read without choosing it again. Only folders the user granted are ever written here; the newest
 * last, at most MAX_FOLDERS. A missing or unreadable file is an empty list: the user chooses again.
 */
export interface GrantedFoldersStore {
  load(): Promise<string[]>
  save(folders: readonly string[]): Promise<void>
}

export const GRANTED_FOLDERS_FORMAT = 'dllab.granted-folders/1'
export const MAX_FOLDERS = 50

const fileSchema = z.object({
  format: z.literal(GRANTED_FOLDERS_FORMAT),
  folders: z.array(z.string().refine(isAbsolute)),
})

export function grantedFoldersFile(configDir: string, onError: (error: unknown) => void = () => undefined) {
  const file = join(configDir, 'granted-folders.json')
  return {
    async load() {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch {
        return []
      }
      try {
        return fileSchema.parse(JSON.parse(text)).folders
      } catch (error) {
        onError(error)
        return []
      }
    },
    async save(folders) {
      await mkdir(dirname(file), { recursive: true })
      const kept = folders.slice(-MAX_FOLDERS)
      await writeFileAtomic(
        file,
        `${JSON.stringify({ format: GRANTED_FOLDERS_FORMAT, folders: kept }, null, 2)}\n`,
      )
    },
  } satisfies GrantedFoldersStore
}
