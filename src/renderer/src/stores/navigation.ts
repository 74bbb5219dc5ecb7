import { defineStore } from 'pinia'
import { ref } from 'vue'

export const viewIds = ['home', 'datasets', 'model', 'train', 'results', 'filters', 'settings'] as const
export type ViewId = (typeof viewIds)[number]
/** A new user starts on Home: the lecture's exercises, one click from training. */
export const defaultView: ViewId = 'home'

/** '#/train' → 'train'; anything else → null. */
export function viewFromHash(hash: string): ViewId | null {
  const id = hash.replace(/^#\/?/, '')
  return (viewIds as readonly string[]).includes(id) ? (id as ViewId) : null
}

export const hashOf = (view: ViewId) => `#/${view}`

/**
 * The view on screen, kept in the URL hash (#/home …) so a reload stays on it and the browser's
 * back button works. The sidebar's links set the hash; this store follows it.
 */
export const useNavigationStore = defineStore('navigation', () => {
  const current = ref<ViewId>(viewFromHash(location.hash) ?? defaultView)

  function follow(): void {
    const view = viewFromHash(location.hash)
    if (view) current.value = view
    else history.replaceState(history.state, '', hashOf(current.value))
  }

  function go(view: ViewId): void {
    current.value = view
    if (location.hash !== hashOf(view)) location.hash = hashOf(view)
  }

  window.addEventListener('hashchange', follow)
  follow()

  return { current, go }
})
