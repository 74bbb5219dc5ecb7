import { describe, expect, it } from 'vitest'
import { FONT_FAMILY, escapeXml, fingerprintLabel, num, svgDocument, text, textWidth } from './svg'
import { checkXml } from './test-support/xml-check'

describe('escapeXml', () => {
  it('escapes the five XML specials in user text', () => {
    expect(escapeXml(`<cat & "dog">`)).toBe('&lt;cat &amp; &quot;dog&quot;&gt;')
    expect(escapeXml("it's")).toBe('it&apos;s')
    expect(escapeXml('ねこ・犬')).toBe('ねこ・犬')
  })

  it('replaces characters XML 1.0 forbids, keeps tab/newline and astral characters', () => {
    expect(escapeXml('a\u0000b\u001Fc\uFFFE')).toBe('a\uFFFDb\uFFFDc\uFFFD')
    expect(escapeXml('x\ud800y')).toBe('x\uFFFDy')
    expect(escapeXml('t\tn\n😀')).toBe('t\tn\n😀')
  })
})

describe('num', () => {
  it('prints at most two decimals without trailing zeros or negative zero', () => {
    expect([num(2.5), num(3), num(1.23456), num(-0.001), num(10.1), num(-4.005)]).toEqual([
      '2.5',
      '3',
      '1.23',
      '0',
      '10.1',
      '-4',
    ])
    expect(num(Number.NaN)).toBe('0')
  })
})

describe('text and documents', () => {
  it('estimates CJK characters as one em and Latin narrower', () => {
    expect(textWidth('正解数', 10)).toBe(30)
    expect(textWidth('ii', 10)).toBeCloseTo(6, 10)
    expect(textWidth('0123', 10)).toBeCloseTo(22.4, 10)
    // The CJK font draws × and · full width; accented Latin stays narrow; bold is 6 % wider.
    expect(textWidth('×·', 10)).toBe(20)
    expect(textWidth('é', 10)).toBeCloseTo(6, 10)
    expect(textWidth('正解数', 10, true)).toBeCloseTo(31.8, 10)
  })

  it('writes escaped <text> with rotation and anchors', () => {
    expect(text(10, 20.125, 'a<b', { size: 12, anchor: 'middle', rotate: -90 })).toBe(
      '<text x="10" y="20.13" font-size="12" text-anchor="middle" fill="#1f1f1f" transform="rotate(-90 10 20.13)">a&lt;b</text>',
    )
  })

  it('formats the fingerprint from run id and seed', () => {
    expect(fingerprintLabel({ runId: 'r1', seed: 42 })).toBe('r1 · seed 42')
    expect(fingerprintLabel({ seed: 0, seedLabel: 'シード' })).toBe('シード 0')
    expect(fingerprintLabel({})).toBe('')
    expect(fingerprintLabel(undefined)).toBe('')
  })

  it('builds a standalone, well-formed document with size, viewBox, fonts and the fingerprint', () => {
    const svg = svgDocument({
      width: 100.2,
      height: 50,
      body: '<g/>',
      title: 'T & "x"',
      fingerprint: { runId: '<run>', seed: 3 },
    })
    expect(
      svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="101" height="50" viewBox="0 0 101 50"'),
    ).toBe(true)
    expect(svg).toContain(`font-family="${FONT_FAMILY}"`)
    expect(FONT_FAMILY).toBe("'Noto Sans CJK JP', 'Noto Sans JP', sans-serif")
    expect(svg).toContain('<title>T &amp; &quot;x&quot;</title>')
    expect(svg).toContain('>&lt;run&gt; · seed 3</text>')
    expect(checkXml(svg).errors).toEqual([])
  })
})

describe('checkXml (the test helper itself)', () => {
  it('finds the usual mistakes', () => {
    expect(checkXml('<a><b></a></b>').errors.length).toBeGreaterThan(0)
    expect(checkXml('<a x="1" x="2"/>').errors).toContain('duplicate attribute x on <a>')
    expect(checkXml('<a>&nbsp;</a>').errors.length).toBe(1)
    expect(checkXml('<a>1 < 2</a>').errors.length).toBeGreaterThan(0)
    expect(checkXml('<a/><b/>').errors).toContain('expected one root element, found 2')
    expect(checkXml('<a t="x &amp; y">ok &#x41;</a>').errors).toEqual([])
  })
})
