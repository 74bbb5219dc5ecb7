import { describe, expect, it } from 'vitest'
import { appIndexUrl, appOrigin, isAllowedNavigation, isAppUrl, isTrustedSender } from './origin'

const mainFrame = (url: string) => ({ url, parent: null })

describe('isTrustedSender', () => {
  it('trusts the main frame of the bundled app', () => {
    expect(appOrigin).toBe('app://dllab')
    expect(isTrustedSender(mainFrame(appIndexUrl))).toBe(true)
    expect(isTrustedSender(mainFrame('app://dllab/index.html#/datasets'))).toBe(true)
  })

  it('refuses sub-frames, other origins and missing frames', () => {
    expect(isTrustedSender({ url: appIndexUrl, parent: mainFrame(appIndexUrl) })).toBe(false)
    for (const url of [
      'file:///home/u/out/renderer/index.html',
      'http://localhost:5173/',
      'https://dllab/index.html',
      'app://evil/index.html',
      'app://dllab.evil.com/',
      'app://dllab:8080/',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isTrustedSender(mainFrame(url)), url).toBe(false)
    }
    expect(isTrustedSender(null)).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
  })
})

describe('navigation', () => {
  it('stays inside the bundled app', () => {
    expect(isAppUrl('app://dllab/assets/x.js')).toBe(true)
    expect(isAllowedNavigation(appIndexUrl)).toBe(true)
    expect(isAllowedNavigation('https://example.com/')).toBe(false)
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false)
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false)
  })
})
