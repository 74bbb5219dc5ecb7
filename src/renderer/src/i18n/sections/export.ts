import type { MessageTree } from './message-tree'

/** Figure and report export messages (English). */
export const exportEn = {
  label: 'Export',
}

/** Figure and report export messages (Japanese). */
export const exportJa: MessageTree<typeof exportEn> = {
  label: 'エクスポート',
}
