/**
 * An error reported by the other side of the API (main process or web-mode server). `message` is the
 * service's own message, ready to show to the user; `remoteName` is the error class it threw there.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    message: string,
    readonly channel: string,
    readonly remoteName: string = 'Error',
  ) {
    super(message)
  }
}

/** The connection to the web-mode server failed or dropped; the request got no answer. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError'
}

/** The request got no answer in time. */
export class ApiTimeoutError extends Error {
  override readonly name = 'ApiTimeoutError'
}
