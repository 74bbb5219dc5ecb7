import type { MessageTree } from './message-tree'

/** The Home view's messages (English). */
export const homeEn = {
  title: 'Home',
}

/** The Home view's messages (Japanese). */
export const homeJa: MessageTree<typeof homeEn> = {
  title: 'ホーム',
}
