import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/**
 * An object URL for an SVG string, for <img src>: the figure is drawn as an image (its own
 * document, no script, unaffected by the page's style-src), and big figures with embedded tiles are
 * not copied into a data: URL. The URL follows the string and is revoked when replaced or unmounted.
 */
export function useSvgUrl(svg: () => string | undefined): Ref<string | undefined> {
  const url = ref<string>()
  watch(
    svg,
    (text) => {
      if (url.value) URL.revokeObjectURL(url.value)
      url.value = text ? URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' })) : undefined
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    if (url.value) URL.revokeObjectURL(url.value)
  })
  return url
}
