import type { MessageTree } from './message-tree'

/** The Results view's messages (English). */
export const resultsEn = {
  title: 'Results',
  empty: 'No results yet',
  emptyHint: 'Finished runs will appear here with their confusion matrices, filters and reconstructions.',
}

/** The Results view's messages (Japanese, the lecture's terms). */
export const resultsJa: MessageTree<typeof resultsEn> = {
  title: '結果',
  empty: '結果はまだありません',
  emptyHint: 'ここに学習を終えた実行の混合行列、フィルター、再構成画像が表示されます。',
}
