import type { Page } from '@playwright/test'
import { LATIN_NAMES } from '../../src/renderer/src/i18n/latin-names'

/**
 * Latin words a Japanese screen may show: the names without a Japanese form (as words: "VGG-mini"
 * is "VGG" and "mini" on screen) and the app's own name. Anything else of four or more letters is
 * English left on a Japanese screen.
 */
const allowed = new Set(['DL', 'Lab', ...LATIN_NAMES.flatMap((name) => name.split('-'))])

/**
 * Words of 4+ Latin letters in the visible text of the page and in the alt text of its visible
 * images, outside <code> (paths, file names), <bdi> (names the user gave: runs, experiments), form
 * fields (user input) and elements marked lang="…" other than Japanese (text from files that exists
 * in one language only). In alt text, the words of names shown in <bdi> are left out too (a class
 * folder's name in its thumbnails' alt text). A message key left untranslated ("datasets.title")
 * shows up too.
 */
export async function englishOnScreen(app: Page): Promise<string[]> {
  // Runs in the page (a string: this file is type-checked without the DOM library).
  const text = await app.evaluate<string>(`(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const parts = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest('code, pre, bdi, script, style, [hidden], [aria-hidden="true"]')) continue
      // Content marked as another language (e.g. a file's English text, lang="en") is not the UI's.
      if (!parent.closest('[lang]')?.getAttribute('lang')?.startsWith('ja')) continue
      if (parent.getClientRects().length === 0) continue
      parts.push(node.textContent ?? '')
    }
    const names = new Set()
    for (const bdi of document.querySelectorAll('bdi'))
      for (const word of (bdi.textContent ?? '').match(/[A-Za-z]+/g) ?? []) names.add(word)
    for (const image of document.querySelectorAll('img[alt]')) {
      if (image.closest('[lang]')?.getAttribute('lang')?.startsWith('ja') && image.getClientRects().length > 0)
        parts.push((image.getAttribute('alt') ?? '').replace(/[A-Za-z]+/g, (w) => (names.has(w) ? ' ' : w)))
    }
    return parts.join(' ')
  })()`)
  return (text.match(/[A-Za-z]{4,}/g) ?? []).filter((word) => !allowed.has(word))
}
