// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useNavigationStore, viewFromHash } from './navigation'

function hashChange(hash: string) {
  location.hash = hash
  window.dispatchEvent(new HashChangeEvent('hashchange'))
}

describe('viewFromHash', () => {
  it('reads a view from the URL hash', () => {
    expect(viewFromHash('#/train')).toBe('train')
    expect(viewFromHash('#settings')).toBe('settings')
    expect(viewFromHash('#/home')).toBe('home')
    expect(viewFromHash('')).toBeNull()
    expect(viewFromHash('#/nowhere')).toBeNull()
  })
})

describe('useNavigationStore', () => {
  beforeEach(() => {
    history.replaceState(null, '', '/')
    setActivePinia(createPinia())
  })

  it('starts on the home view and writes it into the hash', () => {
    const nav = useNavigationStore()
    expect(nav.current).toBe('home')
    expect(location.hash).toBe('#/home')
  })

  it('starts on the view named in the hash, so a reload stays there', () => {
    history.replaceState(null, '', '/#/results')
    expect(useNavigationStore().current).toBe('results')
  })

  it('follows the hash when a link or the back button changes it', async () => {
    const nav = useNavigationStore()
    hashChange('#/model')
    await nextTick()
    expect(nav.current).toBe('model')
    hashChange('#/unknown')
    expect(nav.current).toBe('model')
    expect(location.hash).toBe('#/model')
  })

  it('keeps the hash in step when it goes to a view', () => {
    const nav = useNavigationStore()
    nav.go('filters')
    expect(nav.current).toBe('filters')
    expect(location.hash).toBe('#/filters')
  })
})
