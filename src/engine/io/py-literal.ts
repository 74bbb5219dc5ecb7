import { NpyFormatError } from '../errors'

/**
 * A parser for the Python literals an NPY header holds, e.g.
 *   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
 * It is NumPy's `ast.literal_eval` restricted to what a header can contain: dicts, tuples, lists,
 * strings, integers (Python 2's `3L` suffix accepted), True, False and None. Integers are BigInt so
 * no value is rounded; nesting is limited so hostile input cannot exhaust the stack. Never evaluates.
 */
export type PyValue = string | bigint | boolean | null | PyTuple | PyList | PyDict

export interface PyTuple {
  readonly kind: 'tuple'
  readonly items: PyValue[]
}
export interface PyList {
  readonly kind: 'list'
  readonly items: PyValue[]
}
export interface PyDict {
  readonly kind: 'dict'
  readonly entries: Map<PyValue, PyValue>
}

const MAX_DEPTH = 32
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
}

export function parsePyLiteral(text: string): PyValue {
  const p = new Parser(text)
  const value = p.value(0)
  p.skipSpace()
  if (p.pos !== text.length) p.fail('unexpected text after the literal')
  return value
}

/** Short Python-like rendering of a parsed value, for error messages. */
export function pyRepr(v: PyValue): string {
  if (v === null) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'string') return `'${v}'`
  if (v.kind === 'dict') return `{${[...v.entries].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`
  const inner = v.items.map(pyRepr).join(', ')
  return v.kind === 'list' ? `[${inner}]` : `(${inner}${v.items.length === 1 ? ',' : ''})`
}

class Parser {
  pos = 0
  constructor(private readonly text: string) {}

  fail(what: string): never {
    const near = this.text.slice(this.pos, this.pos + 20)
    throw new NpyFormatError(
      `npy: cannot parse the header: ${what} at character ${this.pos} (near '${near}')`,
    )
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++
  }

  value(depth: number): PyValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`)
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === '{') return this.dict(depth)
    if (c === '(') return this.sequence(depth, ')')
    if (c === '[') return this.sequence(depth, ']')
    if (c === "'" || c === '"') return this.string(c)
    if (c !== undefined && /[-+0-9]/.test(c)) return this.integer()
    for (const [word, v] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos) && !/\w/.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length
        return v
      }
    }
    return this.fail(c === undefined ? 'unexpected end' : 'expected a value')
  }

  private dict(depth: number): PyDict {
    const entries = new Map<PyValue, PyValue>()
    this.pos++ // {
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === '}') break
      const key = this.value(depth + 1)
      this.skipSpace()
      if (this.text[this.pos] !== ':') this.fail("expected ':'")
      this.pos++
      entries.set(key, this.value(depth + 1))
      if (!this.separator('}')) break
    }
    this.pos++ // }
    return { kind: 'dict', entries }
  }

  /** A tuple `( … )` or a list `[ … ]`; `(x)` without a comma is just x, as in Python. */
  private sequence(depth: number, close: ')' | ']'): PyValue {
    const items: PyValue[] = []
    let comma = false
    this.pos++
    for (;;) {
      this.skipSpace()
      if (this.text[this.pos] === close) break
      items.push(this.value(depth + 1))
      if (!this.separator(close)) break
      comma = true
    }
    this.pos++
    if (close === ']') return { kind: 'list', items }
    return items.length === 1 && !comma ? items[0]! : { kind: 'tuple', items }
  }

  /** After an item: consumes ',' and returns true, or stops (returning false) before `close`. */
  private separator(close: string): boolean {
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === ',') {
      this.pos++
      return true
    }
    if (c !== close) this.fail(`expected ',' or '${close}'`)
    return false
  }

  private string(quote: string): string {
    let out = ''
    this.pos++
    for (;;) {
      const c = this.text[this.pos++]
      if (c === undefined || c === '\n') this.fail('unterminated string')
      if (c === quote) return out
      if (c !== '\\') {
        out += c
        continue
      }
      const e = this.text[this.pos++]
      if (e === 'x' || e === 'u') {
        const hex = this.text.slice(this.pos, this.pos + (e === 'x' ? 2 : 4))
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== (e === 'x' ? 2 : 4)) this.fail('bad escape')
        out += String.fromCharCode(parseInt(hex, 16))
        this.pos += hex.length
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        out += ESCAPES[e]
      } else {
        this.fail('bad escape')
      }
    }
  }

  private integer(): bigint {
    const m = /^([-+]?)\s*([0-9]+)[lL]?/.exec(this.text.slice(this.pos, this.pos + 64))
    if (!m || /[\w.]/.test(this.text[this.pos + m[0].length] ?? '')) this.fail('expected an integer')
    if (m[2]!.length > 1 && m[2]!.startsWith('0')) this.fail('integer with a leading zero')
    this.pos += m[0].length
    const v = BigInt(m[2]!)
    return m[1] === '-' ? -v : v
  }
}
