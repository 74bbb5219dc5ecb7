import type { MessageTree } from './message-tree'

/**
 * Why a run stopped, by the kinds of src/shared/training/run-reasons.ts (English). `{detail}` parts
 * (an error's own message, a crashed process's last line) are shown apart, untranslated.
 */
export const runReasonsEn = {
  cancelled: 'Cancelled by you.',
  killed: 'Stopped at once (kill), without a checkpoint of the last position.',
  closed: 'DL Lab closed during training; resume continues from the last checkpoint.',
  interruptedResumable:
    'Interrupted: DL Lab closed while this run was training; resume continues from its last checkpoint.',
  interruptedFromStart:
    'Interrupted: DL Lab closed before this run wrote its first checkpoint; resume starts it again.',
  interruptedUnreadable: 'Interrupted, and the run’s files could not be read.',
  stoppedWithJob: 'Stopped because job {job} failed.',
  notStarted: 'The training process could not be started.',
  killedBySignal: 'The training process was killed ({signal}).',
  exited: 'The training process ended unexpectedly (exit code {code}).',
  protocol: 'The training process sent a message it should not; it was stopped.',
  notRequeued: 'Could not be queued again.',
  error: 'Training stopped with an error ({name}).',
  other: 'Stopped.',
  job: {
    R: 'Channel R: {reason}',
    G: 'Channel G: {reason}',
    B: 'Channel B: {reason}',
    combine: 'Combining the channels: {reason}',
  },
}

/** 実行が止まった理由(日本語)。 */
export const runReasonsJa: MessageTree<typeof runReasonsEn> = {
  cancelled: 'ユーザーがキャンセルしました。',
  killed: 'すぐに停止しました(強制終了)。最後の位置のチェックポイントはありません。',
  closed: '学習中に DL Lab が終了しました。再開すると最後のチェックポイントから続けます。',
  interruptedResumable:
    '中断: 学習中に DL Lab が終了しました。再開すると最後のチェックポイントから続けます。',
  interruptedFromStart:
    '中断: 最初のチェックポイントの前に DL Lab が終了しました。再開すると最初から学習します。',
  interruptedUnreadable: '中断されましたが、実行のファイルを読み込めませんでした。',
  stoppedWithJob: 'ジョブ {job} が失敗したため停止しました。',
  notStarted: '学習プロセスを起動できませんでした。',
  killedBySignal: '学習プロセスが強制終了されました({signal})。',
  exited: '学習プロセスが予期せず終了しました(終了コード {code})。',
  protocol: '学習プロセスが不正なメッセージを送ったため、停止しました。',
  notRequeued: '再びキューに入れられませんでした。',
  error: 'エラーで学習が止まりました({name})。',
  other: '停止しました。',
  job: {
    R: 'チャンネル R: {reason}',
    G: 'チャンネル G: {reason}',
    B: 'チャンネル B: {reason}',
    combine: 'チャンネルの再結合: {reason}',
  },
}
