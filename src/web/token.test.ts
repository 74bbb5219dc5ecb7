import { describe, expect, it } from 'vitest'
import { createToken, hasToken, readCookie, tokensEqual } from './token'

describe('token helpers', () => {
  it('creates a fresh 32-byte token each time', () => {
    const a = createToken()
    expect(Buffer.from(a, 'base64url')).toHaveLength(32)
    expect(createToken()).not.toBe(a)
  })

  it('compares tokens exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true)
    expect(tokensEqual('abd', 'abc')).toBe(false)
    expect(tokensEqual('ab', 'abc')).toBe(false)
    expect(tokensEqual(null, 'abc')).toBe(false)
    expect(tokensEqual(undefined, 'abc')).toBe(false)
  })

  it('reads one cookie from a Cookie header', () => {
    expect(readCookie('a=1; dllab_token=xyz; b=2', 'dllab_token')).toBe('xyz')
    expect(readCookie('not_dllab_token=xyz', 'dllab_token')).toBeNull()
    expect(readCookie(undefined, 'dllab_token')).toBeNull()
    expect(readCookie('garbage', 'dllab_token')).toBeNull()
  })

  it('accepts the token from the address or the cookie', () => {
    expect(hasToken(new URL('http://h/?token=t'), undefined, 't')).toBe(true)
    expect(hasToken(new URL('http://h/'), 'dllab_token=t', 't')).toBe(true)
    expect(hasToken(new URL('http://h/?token=x'), 'dllab_token=y', 't')).toBe(false)
  })
})
