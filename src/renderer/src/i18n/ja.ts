import type { Messages } from './en'

/** 日本語のメッセージ。用語は講義「深層学習 (1)」に合わせる(データセット、モデル、学習、フィルタ …)。 */
export const ja: Messages = {
  app: {
    name: 'DL Lab',
    tagline: '深層学習ラボ',
    loading: '読み込み中…',
  },
  nav: {
    label: 'メイン',
    datasets: 'データセット',
    model: 'モデル',
    train: '学習',
    results: '結果',
    filters: '空間フィルタ',
    settings: '設定',
  },
  errors: {
    label: 'エラー',
    dismiss: '閉じる',
  },
  common: {
    cancel: 'キャンセル',
    images: '画像 {n} 枚',
    classes: '{n} クラス',
  },
  folderPicker: {
    chooseDataset: 'データセットのフォルダーを選択',
    chooseWorkspace: 'ワークスペースのフォルダーを選択',
    current: '現在のフォルダー',
    up: '上へ',
    open: '{name} を開く',
    choose: 'このフォルダーを選択',
    noSubfolders: 'このフォルダーにはサブフォルダーがありません。',
    subfolders: 'サブフォルダー',
    loading: 'フォルダーを読み込み中…',
  },
  datasets: {
    title: 'データセット',
    intro:
      'データセットのフォルダーには、クラスごとにサブフォルダーを作り、その中にそのクラスの画像を置きます: {pattern}。',
    choose: 'フォルダーを選択…',
    rescan: '再読み込み',
    folder: 'フォルダー',
    empty: 'フォルダーがまだ選択されていません',
    emptyHint:
      'クラスごとのサブフォルダーを持つフォルダーを選ぶと、クラス、画像の枚数、サンプル画像が表示されます。',
    scanning: '{path} を読み込み中…',
    summary: '概要',
    classCount: 'クラス数',
    imageCount: '画像の枚数',
    problemCount: '読み込めないファイル',
    classesHeading: 'クラス',
    noClasses: 'このフォルダーにはクラスのフォルダーがありません。',
    thumbnailAlt: '{className}: サンプル {index}',
    problems: '問題',
    noProblems: 'すべてのファイルを読み込めました。',
    problemsIntro: '次のファイルはスキップされました:',
  },
  model: {
    title: 'モデル',
    empty: 'モデルはまだありません',
    emptyHint: 'ここにネットワークの層の一覧が、各層の出力の形とパラメータ数とともに表示されます。',
  },
  train: {
    title: '学習',
    empty: '学習の実行はまだありません',
    emptyHint: 'ここに学習の実行が、誤差と精度の推移とともに表示されます。',
  },
  results: {
    title: '結果',
    empty: '結果はまだありません',
    emptyHint: 'ここに学習を終えた実行の混合行列、フィルター、再構成画像が表示されます。',
  },
  filters: {
    title: '空間フィルタ',
    empty: '画像が読み込まれていません',
    emptyHint: 'ここに入力画像と空間フィルタリング処理後の画像が並べて表示されます。',
  },
  settings: {
    title: '設定',
    workspace: 'ワークスペースのフォルダー',
    workspaceHint: '学習の実行、チェックポイント、図はここに保存されます。',
    change: '変更…',
    language: '言語',
    notLoaded: '設定を読み込めませんでした。',
    about: 'このアプリについて',
    version: 'バージョン {version}',
    hostElectron: 'デスクトップアプリ',
    hostWeb: 'Web モード(このコンピューターから配信、このブラウザーで表示)',
  },
}
