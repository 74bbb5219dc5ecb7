/**
 * A strict little XML well-formedness check for the figure tests: tags nest and close, attributes
 * are quoted and unique, '<' and '&' appear in text only as markup or as the five predefined entities
 * or numeric references, there is exactly one root element. Returns the problems (empty = well formed)
 * and the element names in document order, so tests can count elements.
 */
export interface XmlCheck {
  readonly errors: string[]
  readonly elements: string[]
}

const NAME = /^[A-Za-z_][\w.:-]*$/
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/

function checkText(textValue: string, where: number, errors: string[]): void {
  for (let i = textValue.indexOf('&'); i >= 0; i = textValue.indexOf('&', i + 1)) {
    if (!ENTITY.test(textValue.slice(i))) errors.push(`bad entity at ${where + i}`)
  }
  if (textValue.includes('<')) errors.push(`stray '<' at ${where}`)
}

export function checkXml(xml: string): XmlCheck {
  const errors: string[] = []
  const elements: string[] = []
  const stack: string[] = []
  let roots = 0
  let pos = 0
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos)
    const end = lt < 0 ? xml.length : lt
    const between = xml.slice(pos, end)
    checkText(between, pos, errors)
    if (stack.length === 0 && between.trim() !== '') errors.push(`text outside the root at ${pos}`)
    if (lt < 0) break
    const gt = xml.indexOf('>', lt)
    if (gt < 0) {
      errors.push(`unclosed tag at ${lt}`)
      break
    }
    const tag = xml.slice(lt + 1, gt)
    pos = gt + 1
    if (tag.startsWith('?') || tag.startsWith('!--')) continue
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim()
      const open = stack.pop()
      if (open !== name) errors.push(`</${name}> closes <${open ?? 'nothing'}> at ${lt}`)
      continue
    }
    const selfClosing = tag.endsWith('/')
    const inner = selfClosing ? tag.slice(0, -1) : tag
    const match = /^([^\s/>]+)([\s\S]*)$/.exec(inner)
    if (!match || !NAME.test(match[1])) {
      errors.push(`bad tag name at ${lt}: ${inner.slice(0, 20)}`)
      continue
    }
    const [, name, rest] = match
    const attrs = /\s+([A-Za-z_][\w.:-]*)="([^"]*)"/gy
    const seen = new Set<string>()
    let consumed = 0
    for (let m = attrs.exec(rest); m; m = attrs.exec(rest)) {
      if (seen.has(m[1])) errors.push(`duplicate attribute ${m[1]} on <${name}>`)
      seen.add(m[1])
      checkText(m[2], lt, errors)
      consumed = attrs.lastIndex
    }
    if (rest.slice(consumed).trim() !== '')
      errors.push(`malformed attributes on <${name}>: ${rest.slice(consumed, consumed + 30)}`)
    if (stack.length === 0) roots++
    elements.push(name)
    if (!selfClosing) stack.push(name)
  }
  if (stack.length > 0) errors.push(`unclosed elements: ${stack.join(' > ')}`)
  if (roots !== 1) errors.push(`expected one root element, found ${roots}`)
  return { errors, elements }
}
