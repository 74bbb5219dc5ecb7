/**
 * A figure's title or note split into words of the UI and notation. In a Japanese title, runs of
 * Latin letters and digits joined by - _ . : are names, not words to translate: a loss
 * (softmax-cross-entropy), a layer (conv1, conv1.act) or its type (conv2d), a class, a file
 * (weights.npz). They are shown isolated (<bdi>), as the names the user gave are. In any other
 * language the text is one part.
 */
export interface TextPart {
  readonly text: string
  readonly notation: boolean
}

const NAME = /[A-Za-z0-9_]+(?:[.:-][A-Za-z0-9_]+)*/g

export function textParts(text: string, locale: string): TextPart[] {
  if (locale !== 'ja') return [{ text, notation: false }]
  const parts: TextPart[] = []
  let at = 0
  for (const match of text.matchAll(NAME)) {
    // Numbers ("#0", "4 × 28") are the same in every language: only names with a letter.
    if (!/[A-Za-z]/.test(match[0])) continue
    if (match.index > at) parts.push({ text: text.slice(at, match.index), notation: false })
    parts.push({ text: match[0], notation: true })
    at = match.index + match[0].length
  }
  if (at < text.length) parts.push({ text: text.slice(at), notation: false })
  return parts
}
