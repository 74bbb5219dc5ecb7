/** What the web client needs from a socket; the browser's WebSocket in the app, a fake in tests. */
export interface SocketHandlers {
  open(): void
  message(data: string): void
  /** Called once when the socket closes or fails to connect (an error is always followed by close). */
  close(): void
}

export interface SocketConnection {
  send(data: string): void
  close(): void
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketConnection

export const browserSocket: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url)
  socket.onopen = () => handlers.open()
  socket.onmessage = (event) => {
    if (typeof event.data === 'string') handlers.message(event.data)
  }
  socket.onclose = () => handlers.close()
  return { send: (data) => socket.send(data), close: () => socket.close() }
}

/** ws(s)://<host>/api on the page's own origin: the server answers the API there. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>, path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}${path}`
}
