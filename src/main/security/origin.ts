/**
 * The renderer's origin in the desktop app. The bundled renderer is served from this custom
 * protocol (see protocol/app-protocol.ts), never from file:// or the network.
 */
export const appScheme = 'app'
export const appHost = 'dllab'
export const appOrigin = `${appScheme}://${appHost}`
export const appIndexUrl = `${appOrigin}/index.html`

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    // Custom schemes report the origin "null" in Node; build it from the parts instead.
    return `${parsed.protocol}//${parsed.host}`
  } catch {
    return null
  }
}

/** Whether `url` belongs to the bundled renderer (app://dllab/…). */
export function isAppUrl(url: string): boolean {
  return originOf(url) === appOrigin
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  url: string
  parent: unknown
}

/**
 * Whether an IPC message comes from our own page: the main frame (no parent; never an iframe) of a
 * document loaded from app://dllab. A missing frame (destroyed or navigated away) is not trusted.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url)
}

/**
 * Whether the window may navigate to `url`. The app is a single page: in-page routing does not
 * navigate, so every navigation is refused except reloading the app itself.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url)
}
