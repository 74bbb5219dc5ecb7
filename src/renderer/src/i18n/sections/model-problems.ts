import type { SchemaRule } from '../../../../engine/models/schema-rules'
import type { MessageTree } from './message-tree'

/**
 * The model check's problems by code (engine/models/issue-codes.ts), filled in by
 * components/model-editor/problem-text.ts. The English messages say exactly what the engine says;
 * the Japanese ones keep the formula and every number, and show names, layer types, field names and
 * JSON as notation (in <code>: {label}, {field}, {keys} …), never as words of the sentence.
 *
 * Parameters: numbers as the engine writes them; {label} "conv2d 'c1'" (English) and {typedLabel}
 * "畳み込み層 conv2d 'c1'" (Japanese); {subject} a field path or "the spec" (English) and
 * {subjectTerm} with the field's Japanese name; {rule} a phrase of `rules`; {flatten}, {reshape},
 * {dense} layer types as notation.
 */
export const modelProblemsEn = {
  /** Lead line of a problem the app cannot translate (its English sentence follows). */
  uncoded: 'This problem is reported in English only:',
  axes: { height: 'height', width: 'width' },
  where: {
    spec: 'model spec',
    layer: 'model spec {at}',
    layerWhat: 'model spec {at} ({what})',
  },
  subject: { spec: 'the spec', layer: 'the layer' },
  outputSizeNotInteger:
    '{label}: output {axis} ({input} − {kernel} + 2·{pad})/{stride} + 1 = {result} is not an integer; change stride or padding',
  outputSizeBelowOne:
    '{label}: output {axis} ({input} − {kernel} + 2·{pad})/{stride} + 1 = {result}: the {axis} {kernel} window is larger than the padded input {input} + 2·{pad} = {padded}; use a smaller window or more padding',
  windowFieldInvalid:
    '{label}: {field} must be an integer ≥ {min} or a pair [height, width] of them, got {value}',
  flatInputNeeded: '{label} needs a flat input but gets {shape}; add a {flatten} layer before it',
  imageInputNeeded:
    '{label} needs an image input (C, Y, X) but gets {shape}; add a {reshape} layer (e.g. shape [1, 28, 28] for 784 pixels) before it',
  paddingMoreThanHalfWindow:
    '{label}: {axis} padding {padding} is more than half the window {window}; some windows would hold only padding — use padding ≤ {maxPadding}',
  lpPoolPadding: '{label}: Lp pooling takes no padding, got {padding}; set padding 0',
  reshapeSizeMismatch:
    '{label}: target {target} holds {product} = {targetSize} values but the input {shape} holds {size}; choose a shape whose product is {size}',
  tiedToUnknown: {
    some: '{label}: tiedTo {tiedTo} names no earlier layer; tie it to an earlier {dense} layer ({denseLayers})',
    none: '{label}: tiedTo {tiedTo} names no earlier layer; tie it to an earlier {dense} layer (there is none yet)',
  },
  tiedToNotDense:
    '{label}: tiedTo {tiedTo} is a {encoderType} layer; a tied decoder uses the transposed W of a {dense} layer',
  tiedInputMismatch:
    '{label}: is tied to {encoder} (W {inputs} × {units}) so it expects a per-sample input ({units}), got {shape}; tie it to the encoder whose output it decodes',
  softmaxNeedsFlat:
    '{label}: {softmax} normalises over a flat (features) sample, got {shape}; insert a {flatten} layer before it',
  softmaxActivationNeedsFlat:
    '{label}: activation {softmax} normalises over a flat (features) output, got {shape}; use another activation here, or end with {flatten} and a {dense} layer with {softmax}',
  initRangeNotUniform:
    'model spec: {range} applies only to the {uniform} scheme, got scheme {scheme}; remove range',
  duplicateName: '{label}: the name is already used by {earlier}; layer names must be unique',
  defaultNameTaken:
    'model spec {at} ({type}): its default name {name} is taken by {taken}; give this layer a name',
  pWithoutLp: '{label}: p applies only to Lp pooling ({lpMode}), got mode {mode}; remove p or set {lpMode}',
  noiseLevel: {
    masking: '{label}: level is the fraction of values zeroed and must be in [0, 1], got {level}; e.g. 0.25',
    saltAndPepper:
      '{label}: level is the fraction of values set to 0 or 1 and must be in [0, 1], got {level}; e.g. 0.25',
  },
  fieldMissing: '{where}: {subject} is missing; it {rule}',
  fieldInvalid: '{where}: {subject} {rule}, got {value}',
  layerNotObject:
    '{where}: the layer must be an object with a {typeField} field, e.g. {example}, got {value}',
  unknownField: {
    here: '{where}: unknown field {keys} | {where}: unknown fields {keys}',
    inField: '{where}: {field}: unknown field {keys} | {where}: {field}: unknown fields {keys}',
    allowed: '{problem}; the fields here are {allowed}',
  },
  rules: {
    'positive-integer': 'must be a positive integer',
    'non-negative-integer': 'must be a non-negative integer',
    'positive-integer-per-axis': 'must be a positive integer or a pair [height, width] of them',
    'non-negative-integer-per-axis': 'must be a non-negative integer or a pair [height, width] of them',
    string: 'must be a string',
    'layer-name': 'must be 1–64 letters, digits, _ or - (it becomes the checkpoint key)',
    boolean: 'must be {true} or {false}',
    'positive-integer-list': 'must be a list of positive integers',
    'dimension-needed': 'must list at least one dimension (per sample, without the batch)',
    'fraction-below-one': 'must be a number in [0, 1)',
    'finite-non-negative': 'must be a finite number ≥ 0',
    'at-least-one': 'must be a number ≥ 1',
    'finite-positive': 'must be a finite number > 0',
    'input-shape': 'must be {imageInput} for images or {vectorInput} for vectors, all positive integers',
    'spec-object': 'must be a JSON object with {formatField}, {inputField} and {layersField}',
    'init-object': 'must be an object with a scheme, e.g. {initExample}',
    'layer-list': 'must be a list of layers',
    'layer-needed': 'must list at least one layer',
    'one-of': 'must be one of {options}',
    'layer-type': 'must be one of {options}',
    format: 'must be {format}',
  } satisfies Record<SchemaRule, string>,
  /** Fields by their last key, as the editor's labels name them (Japanese only; English shows the key). */
  fields: {
    format: 'format',
    name: 'name',
    description: 'description',
    input: 'input',
    channels: 'channels',
    height: 'height',
    width: 'width',
    features: 'features',
    init: 'init',
    scheme: 'scheme',
    range: 'range',
    layers: 'layers',
    type: 'type',
    units: 'units',
    filters: 'filters',
    kernel: 'kernel',
    stride: 'stride',
    padding: 'padding',
    activation: 'activation',
    useBias: 'useBias',
    mode: 'mode',
    size: 'size',
    p: 'p',
    rate: 'rate',
    kind: 'kind',
    level: 'level',
    tiedTo: 'tiedTo',
    shape: 'shape',
    backward: 'backward',
  },
}

/** 読み込んだモデルの問題(日本語)。式と数値は英語と同じ、名前・層の種類・項目名は表記のまま。 */
export const modelProblemsJa: MessageTree<typeof modelProblemsEn> = {
  uncoded: '次の問題は英語でのみ報告されています:',
  axes: { height: '高さ', width: '幅' },
  where: {
    spec: 'モデル仕様',
    layer: 'モデル仕様の {at}',
    layerWhat: 'モデル仕様の {at}({what})',
  },
  subject: { spec: '全体', layer: '層' },
  outputSizeNotInteger:
    '{typedLabel}: 出力サイズの{axis} ({input} − {kernel} + 2·{pad})/{stride} + 1 = {result} が整数になりません。ストライドかパディングを変えてください',
  outputSizeBelowOne:
    '{typedLabel}: 出力サイズの{axis} ({input} − {kernel} + 2·{pad})/{stride} + 1 = {result}: {axis}方向のカーネル(窓)の大きさ {kernel} が、パディング後の入力 {input} + 2·{pad} = {padded} より大きくなっています。カーネルを小さくするか、パディングを増やしてください',
  windowFieldInvalid:
    '{typedLabel}: {fieldTerm} は {min} 以上の整数か、その組 [高さ, 幅] でなければなりません(値: {value})',
  flatInputNeeded:
    '{typedLabel} には平坦な入力(特徴ベクトル)が必要ですが、入力は {shape} です。前に平坦化層 {flatten} を追加してください',
  imageInputNeeded:
    '{typedLabel} には画像の入力 (C, Y, X) が必要ですが、入力は {shape} です。前に形状の変更 {reshape} を追加してください(例: 784 画素なら形 [1, 28, 28])',
  paddingMoreThanHalfWindow:
    '{typedLabel}: {axis}方向のパディング {padding} が窓の大きさ {window} の半分を超えています。パディングだけの窓ができるので、パディングを {maxPadding} 以下にしてください',
  lpPoolPadding:
    '{typedLabel}: Lp プーリングにはパディングを使えません(値: {padding})。パディングを 0 にしてください',
  reshapeSizeMismatch:
    '{typedLabel}: 変更後の形 {target} の要素数は {product} = {targetSize} ですが、入力 {shape} の要素数は {size} です。要素数の積が {size} になる形にしてください',
  tiedToUnknown: {
    some: '{typedLabel}: 重みを共有する層 {tiedTo} がこの層より前にありません。前にある全結合層 {dense} ({denseLayers})と重みを共有してください',
    none: '{typedLabel}: 重みを共有する層 {tiedTo} がこの層より前にありません。重みを共有できる全結合層 {dense} がまだ前にありません',
  },
  tiedToNotDense:
    '{typedLabel}: 重みを共有する層 {tiedTo} は {encoderType} 層です。重み共有のデコーダは全結合層 {dense} の W の転置を使います',
  tiedInputMismatch:
    '{typedLabel}: {encoder} (W {inputs} × {units})と重みを共有しているので、サンプル一つあたりの入力は ({units}) のはずですが、{shape} です。この層が復元する出力をもつエンコーダと重みを共有してください',
  softmaxNeedsFlat:
    '{typedLabel}: ソフトマックス関数 {softmax} は平坦な(特徴ベクトルの)入力に使いますが、入力は {shape} です。前に平坦化層 {flatten} を入れてください',
  softmaxActivationNeedsFlat:
    '{typedLabel}: 活性化関数のソフトマックス関数 {softmax} は平坦な(特徴ベクトルの)出力に使いますが、出力は {shape} です。ここでは別の活性化関数を使うか、最後を平坦化層 {flatten} と活性化関数 {softmax} の全結合層 {dense} にしてください',
  initRangeNotUniform:
    'モデル仕様: 範囲 {range} は一様分布 {uniform} の初期値にだけ使えます(初期値: {scheme})。範囲を削除してください',
  duplicateName: '{typedLabel}: この名前は {earlier} で使われています。層の名前は重複できません',
  defaultNameTaken:
    'モデル仕様の {at}({type}): 既定の名前 {name} は {taken} で使われています。この層に名前を付けてください',
  pWithoutLp:
    '{typedLabel}: 次数 p は Lp プーリング {lpMode} にだけ使えます(プーリング: {mode})。p を削除するか、{lpMode} にしてください',
  noiseLevel: {
    masking:
      '{typedLabel}: 強さは値をゼロにする割合で、[0, 1] の範囲でなければなりません(値: {level})。例: 0.25',
    saltAndPepper:
      '{typedLabel}: 強さは 0 か 1 にする値の割合で、[0, 1] の範囲でなければなりません(値: {level})。例: 0.25',
  },
  fieldMissing: '{where}: {subjectTerm}がありません。{rule}を指定してください',
  fieldInvalid: '{where}: {subjectTerm}は{rule}でなければなりません(値: {value})',
  layerNotObject:
    '{where}: 層は {typeField} の項目をもつオブジェクトでなければなりません(例: {example}、値: {value})',
  unknownField: {
    here: '{where}: 不明な項目 {keys} があります',
    inField: '{where}: {fieldTerm} に不明な項目 {keys} があります',
    allowed: '{problem}。ここで使える項目は {allowed} です',
  },
  rules: {
    'positive-integer': '正の整数',
    'non-negative-integer': '負でない整数',
    'positive-integer-per-axis': '正の整数か、その組 [高さ, 幅]',
    'non-negative-integer-per-axis': '負でない整数か、その組 [高さ, 幅]',
    string: '文字列',
    'layer-name': '英数字・_・- を並べた 1–64 文字(チェックポイントのキーになります)',
    boolean: '{true} か {false}',
    'positive-integer-list': '正の整数のリスト',
    'dimension-needed': '次元を少なくとも一つ並べたリスト(バッチを除く、サンプル一つあたりの形)',
    'fraction-below-one': '[0, 1) の範囲の数',
    'finite-non-negative': '0 以上の有限の数',
    'at-least-one': '1 以上の数',
    'finite-positive': '0 より大きい有限の数',
    'input-shape': '画像なら {imageInput}、ベクトルなら {vectorInput}(どれも正の整数)',
    'spec-object': '{formatField}・{inputField}・{layersField} をもつ JSON オブジェクト',
    'init-object': '初期値の種類をもつオブジェクト(例: {initExample})',
    'layer-list': '層のリスト',
    'layer-needed': '層を少なくとも一つ並べたリスト',
    'one-of': '{options} のいずれか',
    'layer-type': '層の種類 {options} のいずれか',
    format: '形式 {format}',
  },
  fields: {
    format: '形式',
    name: '名前',
    description: '説明',
    input: '入力層',
    channels: 'チャンネル数',
    height: '高さ',
    width: '幅',
    features: '特徴数',
    init: '初期値',
    scheme: '初期値の種類',
    range: '範囲',
    layers: '層のリスト',
    type: '層の種類',
    units: 'ユニット数',
    filters: 'フィルタ数',
    kernel: 'フィルタサイズ(カーネル)',
    stride: 'ストライド',
    padding: 'パディング',
    activation: '活性化関数',
    useBias: '閾値 b',
    mode: 'プーリングの種類',
    size: 'プーリングの大きさ',
    p: '次数',
    rate: '割合',
    kind: 'ノイズの種類',
    level: '強さ',
    tiedTo: '重みを共有する層',
    shape: '形',
    backward: '誤差逆伝播',
  },
}
