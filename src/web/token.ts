import { randomBytes, timingSafeEqual } from 'node:crypto'
import { tokenCookie } from '../shared/ipc/web-protocol'

/** A fresh per-launch token: 32 random bytes, URL-safe base64 (43 characters). */
export function createToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
export function tokensEqual(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return null
}

/** The Set-Cookie value that lets the browser in for the rest of the session. */
export function tokenCookieHeader(token: string): string {
  return `${tokenCookie}=${token}; Path=/; HttpOnly; SameSite=Strict`
}

/** Whether a request carries the token, as ?token= in its URL or as the cookie. */
export function hasToken(url: URL, cookieHeader: string | undefined, token: string): boolean {
  return (
    tokensEqual(url.searchParams.get('token'), token) ||
    tokensEqual(readCookie(cookieHeader, tokenCookie), token)
  )
}
