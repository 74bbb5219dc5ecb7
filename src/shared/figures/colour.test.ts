import { describe, expect, it } from 'vitest'
import { contrastText, heatColour, luminance, rgbHex, seriesColour } from './colour'

describe('colours', () => {
  it("follows matplotlib's Blues from light to dark", () => {
    expect(rgbHex(heatColour(0))).toBe('#f7fbff')
    expect(rgbHex(heatColour(0.5))).toBe('#6baed6')
    expect(rgbHex(heatColour(1))).toBe('#08306b')
    expect(rgbHex(heatColour(2))).toBe('#08306b')
    expect(rgbHex(heatColour(Number.NaN))).toBe('#f7fbff')
    expect(heatColour(1 / 16)).toEqual([234.5, 243, 251])
  })

  it('switches the text colour for contrast', () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 12)
    expect(contrastText(heatColour(0))).toBe('#1f1f1f')
    expect(contrastText(heatColour(0.4))).toBe('#1f1f1f')
    expect(contrastText(heatColour(0.7))).toBe('#ffffff')
    expect(contrastText(heatColour(1))).toBe('#ffffff')
  })

  it("cycles matplotlib's tab10 for series", () => {
    expect([seriesColour(0), seriesColour(1), seriesColour(10)]).toEqual(['#1f77b4', '#ff7f0e', '#1f77b4'])
  })
})
