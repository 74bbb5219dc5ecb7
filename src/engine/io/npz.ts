import { type UnzipFileInfo, type Unzipped, type Zippable, unzipSync, zipSync } from 'fflate'
import { EngineError, NpyFormatError } from '../errors'
import { type NpyArray, type NpyInput, readNpy, writeNpy } from './npy'
import { hasNpyMagic } from './npy-header'
import { crc32, zipMemberCrcs } from './zip-directory'

/**
 * NumPy .npz archives: a zip holding one `<key>.npy` member per array, stored (np.savez) or deflated
 * (np.savez_compressed). Keys are kept verbatim, so '.' and '/' survive: "opt.fc1.W.momentum" is the
 * member "opt.fc1.W.momentum.npy", and np.load(file)["opt.fc1.W.momentum"] finds it.
 *
 * Reading is defensive: every member must be a .npy file (anything else is refused by name); the sizes
 * of all members are checked from the central directory BEFORE anything is inflated (a first pass whose
 * fflate filter callback declines every member); each member's CRC-32 is verified; and a member's
 * array must match its header exactly.
 *
 * Zip-bomb limit: the declared uncompressed sizes of all members together may not exceed
 * NPZ_MAX_TOTAL_BYTES (2 GiB) by default, and no deflated member may declare more than deflate can
 * produce from its compressed bytes (1032:1), so memory use is bounded before decompression starts.
 */
export const NPZ_MAX_TOTAL_BYTES = 2 ** 31
const MAX_DEFLATE_RATIO = 1032
/** Members get a fixed date (1980-01-01, the earliest zip date) so equal arrays give equal bytes. */
const ZIP_DATE = new Date(1980, 0, 1)
const ZIP32_LIMIT = 0xffff0000

export interface ReadNpzOptions {
  /** Largest total of declared uncompressed member sizes accepted, in bytes (default 2 GiB). */
  readonly maxTotalBytes?: number
}

export interface WriteNpzOptions {
  /** Deflate the members, as np.savez_compressed does (default: stored, as np.savez). */
  readonly compress?: boolean
}

interface Member {
  readonly name: string
  readonly size: number
  readonly crc: number
}

export function readNpz(bytes: Uint8Array, options: ReadNpzOptions = {}): Record<string, NpyArray> {
  const limit = options.maxTotalBytes ?? NPZ_MAX_TOTAL_BYTES
  if (hasNpyMagic(bytes)) {
    throw new NpyFormatError(
      'npz: this is a single-array .npy file, not an .npz archive; read it with readNpy',
    )
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new NpyFormatError(
      'npz: not an .npz file: an .npz is a zip archive of .npy files (as np.savez writes) and ' +
        'starts with "PK"',
    )
  }
  const crcs = zipMemberCrcs(bytes)
  // Pass 1 reads the directory only (the filter declines every member): names and sizes are checked
  // for all members before pass 2 inflates anything.
  const members: Member[] = []
  let total = 0
  unzip(bytes, (info) => {
    checkMember(info, bytes.length, members)
    total += info.originalSize
    if (total > limit) {
      throw new NpyFormatError(
        `npz: the archive declares at least ${total} bytes of arrays (limit ${limit}); refusing to ` +
          'decompress it (a damaged file or a zip bomb)',
      )
    }
    const crc = crcs[members.length]
    if (crc === undefined)
      throw new NpyFormatError('npz: not a readable zip archive: the directory is inconsistent')
    members.push({ name: info.name, size: info.originalSize, crc })
    return false
  })
  const files = unzip(bytes, () => true)
  const out: Record<string, NpyArray> = {}
  for (const m of members) {
    const data = files[m.name]!
    if (data.length !== m.size || crc32(data) !== m.crc) {
      throw new NpyFormatError(
        `npz member '${m.name}': the data is damaged (its size or CRC-32 does not match the zip directory)`,
      )
    }
    Object.defineProperty(out, m.name.slice(0, -4), {
      value: inMember(m.name, () => readNpy(data)),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

function unzip(bytes: Uint8Array, filter: (info: UnzipFileInfo) => boolean): Unzipped {
  try {
    return unzipSync(bytes, { filter })
  } catch (e) {
    if (e instanceof EngineError) throw e
    throw new NpyFormatError(`npz: not a readable zip archive: ${e instanceof Error ? e.message : String(e)}`)
  }
}

function checkMember(info: UnzipFileInfo, archiveSize: number, seen: readonly Member[]): void {
  const { name, size, originalSize, compression } = info
  const damaged = (why: string): NpyFormatError => new NpyFormatError(`npz member '${name}': ${why}`)
  if (!name.endsWith('.npy')) {
    throw damaged(
      'not a .npy array; an .npz holds only .npy members (np.savez writes one per array). ' +
        'Remove this member or save the arrays again with np.savez',
    )
  }
  if (seen.some((m) => m.name === name)) throw damaged('appears twice in the archive')
  if (compression !== 0 && compression !== 8) {
    throw damaged(
      `uses zip compression method ${compression}; DL Lab reads stored (np.savez) and deflated ` +
        '(np.savez_compressed) members',
    )
  }
  if (size > archiveSize)
    throw damaged(`declares ${size} compressed bytes but the archive has ${archiveSize}`)
  if (compression === 0 && size !== originalSize) {
    throw damaged(
      `is stored uncompressed but declares ${size} bytes stored and ${originalSize} bytes of data`,
    )
  }
  if (originalSize > size * MAX_DEFLATE_RATIO + 1024) {
    throw damaged(
      `declares ${originalSize} bytes from ${size} compressed bytes, more than deflate can produce; ` +
        'the archive is damaged or a zip bomb',
    )
  }
}

export function writeNpz(
  record: Readonly<Record<string, NpyInput>>,
  options: WriteNpzOptions = {},
): Uint8Array {
  const files: Zippable = {}
  let total = 0
  for (const [key, array] of Object.entries(record)) {
    checkNpzKey(key)
    const npy = inMember(`${key}.npy`, () => writeNpy(array))
    total += npy.length + 2 * key.length + 200
    if (total > ZIP32_LIMIT) {
      throw new NpyFormatError(`writeNpz: the arrays exceed 4 GiB, more than a zip without zip64 can hold`)
    }
    files[`${key}.npy`] = [npy, { level: options.compress ? 6 : 0 }]
  }
  return zipSync(files, { mtime: ZIP_DATE })
}

/**
 * An npz key must survive np.load on every platform: not empty, no NUL (zipfile cuts names there) and
 * no backslash (zipfile on Windows turns it into '/'). Dots, slashes and any other character are fine.
 */
export function checkNpzKey(key: string): void {
  if (key === '' || key.includes('\0') || key.includes('\\')) {
    throw new NpyFormatError(
      `writeNpz: invalid array name ${JSON.stringify(key)}; names must be non-empty and contain no NUL or ` +
        "backslash (use '.' or '/' to structure names)",
    )
  }
}

function inMember<T>(member: string, run: () => T): T {
  try {
    return run()
  } catch (e) {
    if (!(e instanceof EngineError)) throw e
    const Kind = e.constructor as new (message: string) => EngineError
    throw new Kind(`npz member '${member}': ${e.message.replace(/^(npy|writeNpy): /, '')}`)
  }
}
