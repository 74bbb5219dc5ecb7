import type { MessageTree } from './message-tree'

/** The Home view's messages (English). */
export const homeEn = {
  title: 'Home',
  intro:
    'The lecture’s exercises, ready to run. Open one to see its network in the model editor; its data and training settings go to Train.',
  exercises: 'Exercises',
  loading: 'Loading the exercises…',
  noPresets: 'No exercises were found.',
  open: 'Open',
  openLabel: 'Open {name}',
  modelLabel: 'Model',
  layers: 'no layers | {n} layer | {n} layers',
  parameters: 'no parameters | {n} parameter | {n} parameters',
  input: 'input {shape}',
  invalidModel: 'the model does not pass shape inference',
  recentRuns: 'Recent runs',
  noRuns: 'No runs yet: open an exercise, then start it in Train.',
  columns: {
    name: 'Run',
    status: 'Status',
    result: 'Result',
    created: 'Started',
    actions: 'Open in',
  },
  showInTrain: 'Train',
  showInTrainLabel: 'Show {name} in Train',
  showResults: 'Results',
  showResultsLabel: 'Show the results of {name}',
}

/** The Home view's messages (Japanese). */
export const homeJa: MessageTree<typeof homeEn> = {
  title: 'ホーム',
  intro:
    '講義の演習をすぐに実行できます。演習を開くとネットワークがモデルエディタに表示され、データと学習の設定が「学習」に入ります。',
  exercises: '演習',
  loading: '演習を読み込んでいます…',
  noPresets: '演習が見つかりませんでした。',
  open: '開く',
  openLabel: '{name} を開く',
  modelLabel: 'モデル',
  layers: '層なし | {n} 層 | {n} 層',
  parameters: 'パラメータなし | パラメータ {n} 個 | パラメータ {n} 個',
  input: '入力 {shape}',
  invalidModel: 'モデルの出力サイズを計算できません',
  recentRuns: '最近の実行',
  noRuns: '実行はまだありません。演習を開き、「学習」で開始してください。',
  columns: {
    name: '実行',
    status: '状態',
    result: '結果',
    created: '開始',
    actions: '開く',
  },
  showInTrain: '学習',
  showInTrainLabel: '{name} を「学習」で表示',
  showResults: '結果',
  showResultsLabel: '{name} の結果を表示',
}
