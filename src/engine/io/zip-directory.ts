import { NpyFormatError } from '../errors'

/**
 * The CRC-32 of every member of a zip archive, read from its central directory (PKWARE APPNOTE 4.3.12),
 * in directory order, plus crc32 itself. fflate's unzipSync does not check CRCs; npz.ts does, so a
 * corrupted stored member is reported instead of loading wrong numbers.
 *
 *   end record (EOCD)     "PK\5\6" … entries u16 @8, directory offset u32 @16
 *   zip64 EOCD locator    "PK\6\7" 20 bytes before the EOCD → zip64 EOCD: entries u64 @32, offset u64 @48
 *   directory entry       "PK\1\2" … crc u32 @16, name length @28, extra length @30, comment length @32
 */
const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const ENTRY = 0x02014b50

export function zipMemberCrcs(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u32 = (at: number): number => {
    if (at < 0 || at + 4 > bytes.length) throw broken('a record points outside the file')
    return view.getUint32(at, true)
  }
  const u16 = (at: number): number => {
    if (at < 0 || at + 2 > bytes.length) throw broken('a record points outside the file')
    return view.getUint16(at, true)
  }
  let e = bytes.length - 22
  while (e >= 0 && bytes.length - e <= 65557 && view.getUint32(e, true) !== EOCD) e--
  if (e < 0 || bytes.length - e > 65557) throw broken('no end-of-central-directory record')
  let count = u16(e + 8)
  let offset = u32(e + 16)
  if (e >= 20 && u32(e - 20) === ZIP64_LOCATOR) {
    const z = safeU64(view, u32, e - 12)
    if (u32(z) === ZIP64_EOCD) {
      count = safeU64(view, u32, z + 32)
      offset = safeU64(view, u32, z + 48)
    }
  }
  const crcs: number[] = []
  for (let i = 0; i < count; i++) {
    if (u32(offset) !== ENTRY) throw broken(`directory entry ${i} is damaged`)
    crcs.push(u32(offset + 16))
    offset += 46 + u16(offset + 28) + u16(offset + 30) + u16(offset + 32)
  }
  return crcs
}

function safeU64(view: DataView, u32: (at: number) => number, at: number): number {
  const low = u32(at)
  const high = u32(at + 4)
  if (high > 0x1fffff) throw broken('a zip64 field is out of range')
  return high * 2 ** 32 + low
}

let table: Uint32Array | undefined

/** CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as zip stores it. */
export function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      table[n] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function broken(why: string): NpyFormatError {
  return new NpyFormatError(`npz: not a readable zip archive: ${why}`)
}
