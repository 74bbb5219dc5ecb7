import type { ErrorCode, FsCause, ScanProblemCode } from '../../../../shared/ipc/message-codes'
import type { MessageTree } from './message-tree'

/**
 * What the services say in English, in the screen's language: scan problems and errors by code
 * (shared/ipc/message-codes.ts), and for an error without a code a lead sentence by its class.
 * String params are shown verbatim (paths, names: in <code>); `cause` and `action` are translated
 * from the tables here; `detail` is never part of a sentence (it is the English detail).
 */
export const serviceTextEn = {
  /** Label of the English detail (a decoder's or the system's own words, a service's message). */
  detail: 'Details',
  /** A scan problem whose code this version does not know (its English reason is the detail). */
  skipped: 'The file was skipped.',
  causes: {
    missing: 'it does not exist',
    'not-a-folder': 'it is not a folder',
    permission: 'permission denied',
    'link-loop': 'too many symbolic links (a link loop)',
    other: 'see the details',
  } satisfies Record<FsCause, string>,
  actions: {
    pause: 'pause',
    cancel: 'cancel',
    kill: 'stop',
  },
  scanProblems: {
    unreadable: 'The file cannot be read: {cause}.',
    'empty-file': 'The file is empty (0 bytes).',
    'not-an-image':
      'Not an image this app reads (its first bytes are {head}). Use JPEG, PNG, GIF, BMP, WebP or TIFF.',
    damaged: 'The {format} file is damaged and cannot be decoded.',
    'empty-class': 'This class folder has no images.',
    'subfolders-only':
      'No images, only sub-folders. If they are the classes, choose {name} itself as the dataset folder.',
    'unreadable-class': 'This class folder cannot be read: {cause}.',
  } satisfies Record<ScanProblemCode, string>,
  errors: {
    'folder-unreadable': 'The folder {path} cannot be opened: {cause}.',
    'no-class-folders':
      '{path} has no class folders. Put the images of each class in a sub-folder, e.g. {example}.',
    'files-unreadable': 'The dataset’s files cannot be read ({cause}): {files}',
    'no-readable-images': 'The dataset has no image that could be read for training.',
    'test-class-unknown':
      'The test folder {path} has a class folder {name} that the training folder does not have (its classes: {classes}). Rename or remove that folder.',
    'image-sizes-differ':
      'The images differ in size: {first} is {firstSize} pixels, {other} is {otherSize}. Set a size in the preprocessing to resize them all to one size.',
    'data-file-invalid': '{path} cannot be read as {format} data.',
    'outside-allowed-folders':
      '{path} is outside the folders you chose and the workspace. Choose the folder first.',
    'run-not-found': 'There is no run {runId} in the workspace.',
    'run-not-training': 'Cannot {action} run {runId}: it is not training.',
    'run-already-training': 'Run {runId} is already training.',
    'run-finished': 'Run {runId} has finished. Start a new run to train again.',
    'run-in-other-process': 'Run {runId} is training in another DL Lab process. Stop it there first.',
    'workspace-not-absolute': 'The workspace must be an absolute path, not {path}.',
    'workspace-unusable': 'The folder {path} cannot be the workspace: {cause}.',
    'workspace-not-writable':
      'Cannot write in the workspace ({path}): {cause}. Choose a workspace you can write to in Settings.',
    'connection-lost':
      'The connection to DL Lab closed before the request was answered. It reconnects by itself: try again.',
    'connection-failed':
      'Cannot connect to DL Lab at {url}. If you restarted it, open the new address it printed.',
    timeout: 'No answer within {seconds} s.',
  } satisfies Record<ErrorCode, string>,
  /** Lead sentences by error class, for errors without a code; `generic` for any other class. */
  byName: {
    DatasetError: 'The dataset cannot be used.',
    DatasetSourceError: 'The data file cannot be read.',
    IdxFormatError: 'The IDX file cannot be read.',
    ScanError: 'The folder cannot be read as a dataset.',
    FolderError: 'The folder cannot be opened.',
    FolderAccessError: 'This path cannot be used.',
    RunNotFoundError: 'The run was not found.',
    UnknownRunError: 'The run was not found.',
    RunStateError: 'The run cannot do that in its present state.',
    RunStoreError: 'The run’s folder cannot be read or written.',
    SupervisorError: 'Training cannot be started or controlled.',
    SettingsError: 'The settings cannot be applied.',
    ExperimentError: 'The experiment’s settings are not valid.',
    ExperimentSpecError: 'The experiment’s settings are not valid.',
    ValidationError: 'The request was not valid.',
    InvalidRequestError: 'The request was not valid.',
    MalformedRequestError: 'The request was not valid.',
    UnknownChannelError: 'This app version cannot answer that request.',
    PresetError: 'The presets cannot be read.',
    ResultsError: 'The results cannot be shown.',
    EvaluationError: 'The evaluation cannot be made.',
    FigureError: 'The figure cannot be made.',
    FigureRenderError: 'The figure cannot be drawn.',
    LectureInteropError: 'The lecture’s file cannot be used.',
    HostError: 'This cannot be done here.',
    ConnectionError: 'The connection to DL Lab failed.',
    ApiTimeoutError: 'There was no answer in time.',
    generic: 'Something went wrong.',
  },
}

export const serviceTextJa: MessageTree<typeof serviceTextEn> = {
  detail: '詳細 (英語)',
  skipped: 'このファイルはスキップされました。',
  causes: {
    missing: '存在しません',
    'not-a-folder': 'フォルダーではありません',
    permission: 'アクセスが許可されていません',
    'link-loop': 'シンボリックリンクが循環しています',
    other: '詳細を参照',
  },
  actions: {
    pause: '一時停止',
    cancel: '中止',
    kill: '停止',
  },
  scanProblems: {
    unreadable: 'ファイルを読めません ({cause})。',
    'empty-file': '空のファイルです (0 バイト)。',
    'not-an-image':
      'このアプリが読める画像ではありません (先頭のバイトは {head})。JPEG、PNG、GIF、BMP、WebP、TIFF のいずれかを使ってください。',
    damaged: '{format} ファイルが壊れていて、デコードできません。',
    'empty-class': 'このクラスのフォルダーには画像がありません。',
    'subfolders-only':
      '画像がなく、サブフォルダーだけがあります。それらがクラスなら、{name} そのものをデータセットのフォルダーとして選んでください。',
    'unreadable-class': 'このクラスのフォルダーを読めません ({cause})。',
  },
  errors: {
    'folder-unreadable': 'フォルダー {path} を開けません ({cause})。',
    'no-class-folders':
      '{path} にはクラスごとのフォルダーがありません。クラスごとにサブフォルダーを作り、その中に画像を置いてください (例: {example})。',
    'files-unreadable': 'データセットのファイルを {count} 個読めません ({cause}): {files}',
    'no-readable-images': 'データセットに、学習に使える (読み込める) 画像が 1 枚もありません。',
    'test-class-unknown':
      'テスト用フォルダー {path} に、学習用フォルダーにないクラスのフォルダー {name} があります (学習用のクラス: {classes})。そのフォルダーの名前を変えるか、取り除いてください。',
    'image-sizes-differ':
      '画像の大きさがそろっていません: {first} は {firstSize} ピクセル、{other} は {otherSize} ピクセルです。前処理でサイズを指定して、すべて同じ大きさにしてください。',
    'data-file-invalid': '{path} を {format} のデータとして読めません。',
    'outside-allowed-folders':
      '{path} は、選択したフォルダーとワークスペースの外にあります。先にそのフォルダーを選択してください。',
    'run-not-found': 'ワークスペースに実行 {runId} がありません。',
    'run-not-training': '実行 {runId} は学習中ではないため、{action}できません。',
    'run-already-training': '実行 {runId} はすでに学習中です。',
    'run-finished': '実行 {runId} は完了しています。もう一度学習するには、新しく実行を始めてください。',
    'run-in-other-process': '実行 {runId} は別の DL Lab のプロセスで学習中です。先にそちらで止めてください。',
    'workspace-not-absolute':
      'ワークスペースは絶対パスで指定してください ({path} は絶対パスではありません)。',
    'workspace-unusable': 'フォルダー {path} はワークスペースにできません ({cause})。',
    'workspace-not-writable':
      'ワークスペース ({path}) に書き込めません ({cause})。設定で、書き込めるワークスペースを選んでください。',
    'connection-lost':
      '応答の前に DL Lab との接続が切れました。接続は自動的に戻るので、もう一度試してください。',
    'connection-failed':
      '{url} の DL Lab に接続できません。起動し直した場合は、そのとき表示された新しいアドレスを開いてください。',
    timeout: '{seconds} 秒以内に応答がありませんでした。',
  },
  byName: {
    DatasetError: 'データセットを使えません。',
    DatasetSourceError: 'データのファイルを読めません。',
    IdxFormatError: 'IDX ファイルを読めません。',
    ScanError: 'このフォルダーはデータセットとして読めません。',
    FolderError: 'フォルダーを開けません。',
    FolderAccessError: 'このパスは使えません。',
    RunNotFoundError: '実行が見つかりません。',
    UnknownRunError: '実行が見つかりません。',
    RunStateError: '実行が今の状態では、その操作はできません。',
    RunStoreError: '実行のフォルダーを読み書きできません。',
    SupervisorError: '学習を開始または操作できません。',
    SettingsError: '設定を反映できません。',
    ExperimentError: '実験の設定が正しくありません。',
    ExperimentSpecError: '実験の設定が正しくありません。',
    ValidationError: 'リクエストの内容が正しくありません。',
    InvalidRequestError: 'リクエストの内容が正しくありません。',
    MalformedRequestError: 'リクエストの内容が正しくありません。',
    UnknownChannelError: 'このバージョンのアプリでは、そのリクエストに応えられません。',
    PresetError: 'プリセットを読めません。',
    ResultsError: '結果を表示できません。',
    EvaluationError: '評価を計算できません。',
    FigureError: '図を作成できません。',
    FigureRenderError: '図を描画できません。',
    LectureInteropError: '講義のファイルを使えません。',
    HostError: 'この環境ではできません。',
    ConnectionError: 'DL Lab との接続に失敗しました。',
    ApiTimeoutError: '時間内に応答がありませんでした。',
    generic: 'エラーが発生しました。',
  },
}
