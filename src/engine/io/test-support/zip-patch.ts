/**
 * Test helpers that edit a zip's records in place, to build damaged or hostile archives from good ones.
 * Offsets follow PKWARE APPNOTE 4.3.7 (local header "PK\3\4") and 4.3.12 (central directory "PK\1\2").
 */
export interface ZipRecord {
  readonly name: string
  /** Offset of the central directory entry. */
  readonly central: number
  /** Offset of the local file header. */
  readonly local: number
  /** Offset of the member's (compressed) data. */
  readonly data: number
}

export function zipRecords(zip: Uint8Array): ZipRecord[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const records: ZipRecord[] = []
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue
    const nameLength = view.getUint16(at + 28, true)
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength))
    const local = view.getUint32(at + 42, true)
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    records.push({ name, central: at, local, data })
  }
  return records
}

export function recordOf(zip: Uint8Array, name: string): ZipRecord {
  const r = zipRecords(zip).find((x) => x.name === name)
  if (!r) throw new Error(`test zip has no member ${name}`)
  return r
}

/** A copy of `zip` with a little-endian field of the central directory entry of `name` replaced. */
export function patchCentral(
  zip: Uint8Array,
  name: string,
  offset: number,
  value: number,
  bytes: 2 | 4,
): Uint8Array {
  const out = zip.slice()
  const at = recordOf(out, name).central + offset
  const view = new DataView(out.buffer)
  if (bytes === 2) view.setUint16(at, value, true)
  else view.setUint32(at, value, true)
  return out
}

/** Central directory field offsets used by the tests. */
export const CD = { compression: 10, crc: 16, compressedSize: 20, size: 24, name: 46 } as const
