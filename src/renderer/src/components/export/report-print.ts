/**
 * Printing a run's report in a plain browser (web mode), where the browser's print dialog stands in
 * for Electron's printToPDF ("Save as PDF").
 *
 * The report is a standalone HTML page (report.html). The app's CSP rules out the obvious ways to
 * show it: a blob: iframe is blocked (frame-src falls back to default-src 'self'), and an about:srcdoc
 * frame inherits the page's style-src 'self', so its <style> element and style="…" attributes are
 * refused (each refusal also reported as a violation). Parsing it in the page (DOMParser, <template>)
 * is checked the same way. So the styles are taken out of the text before anything parses it and put
 * back through the CSSOM, which the CSP does not govern: the <style> blocks as one constructed
 * stylesheet (adoptedStyleSheets), each style attribute as element.style.cssText.
 */
export interface InlineStyles {
  /** The page without <style> elements, each style="…" replaced by data-print-style="<index>". */
  html: string
  /** The text of each <style> element, in order. */
  sheets: string[]
  /** The value of each style attribute, by index. */
  attributes: string[]
}

const STYLE_ELEMENT = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi
// A style attribute inside a start tag (double-quoted, as the report's builders write them).
const STYLE_ATTRIBUTE = /(<[A-Za-z][^<>]*?)\sstyle="([^"]*)"/g

export function extractInlineStyles(page: string): InlineStyles {
  const sheets: string[] = []
  const attributes: string[] = []
  const html = page
    .replace(STYLE_ELEMENT, (_match, text: string) => {
      sheets.push(text)
      return ''
    })
    .replace(STYLE_ATTRIBUTE, (_match, head: string, value: string) => {
      attributes.push(decodeQuotes(value))
      return `${head} data-print-style="${attributes.length - 1}"`
    })
  return { html, sheets, attributes }
}

/** Attribute values come HTML-escaped; CSS text needs the characters. */
function decodeQuotes(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

export const PRINT_FRAME_ID = 'report-print-frame'

/**
 * Loads the page into a hidden same-origin frame (one at a time, kept until the next report so the
 * browser can finish printing), restores its styles and opens the print dialog. Resolves when the
 * dialog has been asked for.
 */
export async function printHtml(page: string, doc: Document = document): Promise<HTMLIFrameElement> {
  doc.getElementById(PRINT_FRAME_ID)?.remove()
  const { html, sheets, attributes } = extractInlineStyles(page)
  const frame = doc.createElement('iframe')
  frame.id = PRINT_FRAME_ID
  frame.title = 'report'
  frame.setAttribute('aria-hidden', 'true')
  frame.tabIndex = -1
  // Laid out (a display:none frame prints blank) but out of sight.
  Object.assign(frame.style, {
    position: 'fixed',
    right: '0',
    bottom: '0',
    width: '0',
    height: '0',
    border: '0',
  })
  const loaded = new Promise<void>((resolve) =>
    frame.addEventListener('load', () => resolve(), { once: true }),
  )
  frame.srcdoc = html
  doc.body.append(frame)
  await loaded
  const view = frame.contentWindow
  const inner = frame.contentDocument
  if (!view || !inner) throw new Error('The report could not be opened for printing')
  // A constructed sheet must come from the frame's own realm to be adopted by its document.
  const FrameSheet = (view as Window & typeof globalThis).CSSStyleSheet
  const sheet = new FrameSheet()
  sheet.replaceSync(sheets.join('\n'))
  inner.adoptedStyleSheets = [sheet]
  for (const element of inner.querySelectorAll<HTMLElement | SVGElement>('[data-print-style]')) {
    element.style.cssText = attributes[Number(element.getAttribute('data-print-style'))] ?? ''
    element.removeAttribute('data-print-style')
  }
  view.focus()
  view.print()
  return frame
}
