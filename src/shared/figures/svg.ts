/**
 * The SVG vocabulary every figure shares: XML escaping of user text, fixed number formatting (the
 * same input gives the same string on every machine), a rough text-width estimate for layout
 * without a DOM, the standalone document wrapper and the fingerprint in the corner.
 *
 * The documents have no ids, no <style> and no scripts, so the renderer can inline several of them
 * in one page (v-html) without one figure's rules leaking into another.
 */

/** Latin text first; the CJK fonts cover Japanese class names and labels. */
export const FONT_FAMILY = "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif"

export const TEXT_COLOUR = '#1f1f1f'
export const MUTED_COLOUR = '#666666'
export const FINGERPRINT_SIZE = 9
/** Vertical space a figure reserves at its bottom for the fingerprint line. */
export const FINGERPRINT_SPACE = 14

/** What identifies the run a figure came from; shown small in the bottom-right corner. */
export interface Fingerprint {
  readonly runId?: string
  readonly seed?: number | string
  /** The word before the seed (translated by the caller); default "seed". */
  readonly seedLabel?: string
}

/** Options every figure accepts. Text is shown as given: the caller translates. */
export interface FigureCommon {
  readonly title?: string
  readonly fingerprint?: Fingerprint
}

/** XML 1.0 forbids C0 controls other than tab, LF, CR, lone surrogates and U+FFFE / U+FFFF. */
function xmlSafe(text: string): string {
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0
    const bad =
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff
    out += bad ? '\uFFFD' : ch
  }
  return out
}

/** Escapes text for element content and double-quoted attributes; invalid characters become U+FFFD. */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** A coordinate or length: at most 2 decimals, no trailing zeros, never "-0". */
export function num(value: number): string {
  if (!Number.isFinite(value)) return '0'
  const s = value.toFixed(2)
  const trimmed = s.includes('.') ? s.replace(/\.?0+$/, '') : s
  return trimmed === '-0' ? '0' : trimmed
}

/**
 * Width of one character in em, for layout only (the renderer measures the real thing). Beyond
 * ASCII the CJK font answers, and it draws most symbols (×, ·, –, ①, kana, kanji) full width, so
 * everything but accented Latin letters counts as 1 em.
 */
function charWidth(code: number): number {
  if (code > 0x7e) {
    const latinLetter = code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7
    return latinLetter ? 0.6 : 1
  }
  if (code === 0x20) return 0.28
  const ch = String.fromCharCode(code)
  if ('iljtf.,:;!|\'"()[]{}`'.includes(ch)) return 0.3
  if ('mwMW@%'.includes(ch)) return 0.86
  if (ch >= 'A' && ch <= 'Z') return 0.66
  if (ch >= '0' && ch <= '9') return 0.56
  return 0.54
}

/** Bold (600) text runs about 6 % wider. */
const BOLD_FACTOR = 1.06

/** An estimate of the rendered width of `text` at `fontSize` px, slightly generous. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0
  for (const ch of text) em += charWidth(ch.codePointAt(0) ?? 0)
  return em * fontSize * (bold ? BOLD_FACTOR : 1)
}

export interface TextOptions {
  readonly size?: number
  readonly anchor?: 'start' | 'middle' | 'end'
  readonly weight?: number
  readonly fill?: string
  /** Rotation in degrees about (x, y). */
  readonly rotate?: number
  /** Vertical alignment: 'middle' centres the text on y (dominant-baseline central). */
  readonly baseline?: 'alphabetic' | 'middle' | 'hanging'
}

/** A <text> element with escaped content. */
export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const attrs = [`x="${num(x)}"`, `y="${num(y)}"`]
  if (options.size !== undefined) attrs.push(`font-size="${num(options.size)}"`)
  if (options.anchor && options.anchor !== 'start') attrs.push(`text-anchor="${options.anchor}"`)
  if (options.weight !== undefined) attrs.push(`font-weight="${options.weight}"`)
  attrs.push(`fill="${options.fill ?? TEXT_COLOUR}"`)
  if (options.baseline === 'middle') attrs.push('dominant-baseline="central"')
  if (options.baseline === 'hanging') attrs.push('dominant-baseline="hanging"')
  if (options.rotate) attrs.push(`transform="rotate(${num(options.rotate)} ${num(x)} ${num(y)})"`)
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`
}

/** The fingerprint line ("run-id · seed 42"), or '' when nothing identifies the run. */
export function fingerprintLabel(fingerprint: Fingerprint | undefined): string {
  if (!fingerprint) return ''
  const parts: string[] = []
  if (fingerprint.runId) parts.push(fingerprint.runId)
  if (fingerprint.seed !== undefined && fingerprint.seed !== '') {
    parts.push(`${fingerprint.seedLabel ?? 'seed'} ${fingerprint.seed}`)
  }
  return parts.join(' · ')
}

/** Space to reserve at the bottom for the fingerprint. */
export function fingerprintSpace(fingerprint: Fingerprint | undefined): number {
  return fingerprintLabel(fingerprint) ? FINGERPRINT_SPACE : 0
}

export interface DocumentOptions {
  readonly width: number
  readonly height: number
  readonly body: string
  /** Accessible name of the picture (<title>). */
  readonly title?: string
  readonly fingerprint?: Fingerprint
}

/** A complete standalone SVG document on a white background, with the fingerprint bottom-right. */
export function svgDocument(options: DocumentOptions): string {
  const width = Math.ceil(options.width)
  const height = Math.ceil(options.height)
  const label = fingerprintLabel(options.fingerprint)
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" role="img">`,
  ]
  if (options.title) parts.push(`<title>${escapeXml(options.title)}</title>`)
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`)
  parts.push(options.body)
  if (label) {
    parts.push(text(width - 6, height - 5, label, { size: FINGERPRINT_SIZE, anchor: 'end', fill: '#8a8a8a' }))
  }
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}
