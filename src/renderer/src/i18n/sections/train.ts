import type { MessageTree } from './message-tree'

/** The Train view's messages (English). */
export const trainEn = {
  title: 'Train',
  empty: 'No runs yet',
  emptyHint: 'Training runs will appear here with their live loss and accuracy.',
}

/** The Train view's messages (Japanese, the lecture's terms). */
export const trainJa: MessageTree<typeof trainEn> = {
  title: '学習',
  empty: '学習の実行はまだありません',
  emptyHint: 'ここに学習の実行が、誤差と精度の推移とともに表示されます。',
}
