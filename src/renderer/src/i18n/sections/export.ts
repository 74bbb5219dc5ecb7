import type { MessageTree } from './message-tree'

/** Figure and report export messages (English). */
export const exportEn = {
  label: 'Export',
  menu: 'Export {figure}',
  formats: 'Formats',
  png: 'PNG {scale}×',
  svg: 'SVG',
  csv: 'CSV (numbers)',
  json: 'JSON (numbers)',
  working: 'Exporting…',
  saved: 'Saved {path}',
  downloaded: 'Downloaded {name}',
  cancelled: 'Not saved.',
  bench: 'filter bench',
  report: {
    label: 'Report',
    pdf: 'Report (PDF)',
    html: 'Report (HTML folder)',
    chooseFolder: 'Choose a folder for the report',
    printing: 'The print dialog opens: choose “Save as PDF” to keep the report.',
    saved: 'Report saved: {path}',
    needsFinished: 'A report needs a finished run.',
  },
}

/** Figure and report export messages (Japanese). */
export const exportJa: MessageTree<typeof exportEn> = {
  label: 'エクスポート',
  menu: '{figure} をエクスポート',
  formats: '形式',
  png: 'PNG 画像 ({scale} 倍)',
  svg: 'SVG 画像',
  csv: 'CSV (数値)',
  json: 'JSON (数値)',
  working: 'エクスポートしています…',
  saved: '{path} に保存しました',
  downloaded: '{name} をダウンロードしました',
  cancelled: '保存しませんでした。',
  bench: 'フィルタ実験台',
  report: {
    label: 'レポート',
    pdf: 'レポート (PDF)',
    html: 'レポート (HTML フォルダ)',
    chooseFolder: 'レポートを保存するフォルダを選んでください',
    printing: '印刷ダイアログが開きます。「PDF に保存」を選ぶとレポートを保存できます。',
    saved: 'レポートを保存しました: {path}',
    needsFinished: 'レポートには学習を終えた実行が必要です。',
  },
}
