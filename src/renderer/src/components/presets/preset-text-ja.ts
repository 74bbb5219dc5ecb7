/**
 * The built-in presets' names, descriptions and model names in Japanese, by preset id (resources/presets/<id>.json
 * holds the English). Plain strings, not vue-i18n messages: the descriptions contain "{", "|" and "@"
 * (folder patterns, notation), which vue-i18n's message syntax would read as placeholders and plurals.
 * Names of networks and programs (LeNet-5, VGG, DL.py, AE.py, MNIST, CIFAR-10, Adam …) stay as they are;
 * code, variables and paths are between backquotes (shown as code, as the English files do).
 */
export const presetTextJa: Readonly<Record<string, { name: string; description: string; model: string }>> = {
  'ae-denoising': {
    model: 'オートエンコーダ 784-100-784',
    name: 'MNIST のデノイジングオートエンコーダ',
    description:
      '講義のデノイジングオートエンコーダ: 画素の 4 分の 1 を 0 にした画像(マスクノイズ)を入力し、ノイズのない元の画像を出力するように学習します。' +
      '[0, 1] に正規化した 28×28 の MNIST、784-100-784 のシグモイド、二乗誤差、Adam、ミニバッチ 32。図: 元画像 | ノイズ付き | 再構成。',
  },
  'ae-tied': {
    model: '重み共有オートエンコーダ 784-100-784',
    name: 'MNIST の重み共有オートエンコーダ',
    description:
      'デコーダがエンコーダの重みの転置を使うオートエンコーダ(W̃ = Wᵗ、講義の重み共有): [0, 1] に正規化した 28×28 の MNIST、' +
      'シグモイドユニットの 784-100-784、二乗誤差、Adam、学習データ 60,000 枚全体をミニバッチ 32 で学習します。',
  },
  'cifar-per-channel': {
    model: 'チャンネルごとのオートエンコーダ 1024-100-1024',
    name: 'CIFAR-10 の宿題: 色チャンネルごとのオートエンコーダ(宿題⑩)',
    description:
      '講義の宿題⑩: CIFAR-10 の学習画像 1,000 枚(各クラス 100 枚)を RGB の 32×32 で読み込み(Pillow と同じ結果)、画素値 / 255 とし、' +
      'R, G, B のチャンネルごとに 3 層のオートエンコーダ(1024-100-1024、中間層と出力層はシグモイド、二乗誤差)を AE.py と同じように学習します' +
      '(1 サンプルずつの SGD、α = 0.1、エポックごとに 1000 回の無作為抽出。ここでは 200 エポック、AE.py は 1000)。' +
      '3 つの出力を再結合してカラー画像に戻します。データ: 宿題のフォルダー `cifar-10/{train,test}/<クラス>/<j>.png`。',
  },
  'lecture-ae-100': {
    model: 'AE.py 196-100-196',
    name: 'AE.py、中間ユニット 100(講義の実習②)',
    description:
      '講義の AE.py(`hunit_num = 100`): Pillow と同じ結果の 14×14 グレースケール MNIST を画素値の和で割り、各クラス 100 枚。' +
      '196-100-196 のオートエンコーダで、中間層の出力を和が 1 になるよう正規化し(プログラムの `Softmax`)、その微分を恒等関数として誤差逆伝播します' +
      '(`f_ = 1`、`task.lectureNormalisedHidden`)。出力は恒等関数、入力との二乗誤差、一様分布 (−0.5, 0.5) の初期値、1 サンプルずつの SGD(α = 0.1)、' +
      'エポックごとに復元抽出で 1000 回、`epoch = 1000` エポック。図: 元画像 | 復元画像の組と、エンコーダの重みを 14×14 に並べたもの(`hunit-weight.png`)。',
  },
  'lecture-ae-32': {
    model: 'AE.py 196-32-196',
    name: 'AE.py、中間ユニット 32(講義の実習②)',
    description:
      '講義の AE.py(`hunit_num = 32`): Pillow と同じ結果の 14×14 グレースケール MNIST を画素値の和で割り、各クラス 100 枚。' +
      '196-32-196 のオートエンコーダで、中間層の出力を和が 1 になるよう正規化し(プログラムの `Softmax`)、その微分を恒等関数として誤差逆伝播します' +
      '(`f_ = 1`、`task.lectureNormalisedHidden`)。出力は恒等関数、入力との二乗誤差、一様分布 (−0.5, 0.5) の初期値、1 サンプルずつの SGD(α = 0.1)、' +
      'エポックごとに復元抽出で 1000 回、`epoch = 1000` エポック。図: 元画像 | 復元画像の組と、エンコーダの重みを 14×14 に並べたもの(`hunit-weight.png`)。',
  },
  'lecture-dl': {
    model: 'DL.py 196-256-128-64-32-32-32-10',
    name: 'DL.py(講義の実習①)',
    description:
      "講義の DL.py そのもの: MNIST を 14×14 のグレースケールで読み込み(Pillow と同じ `convert('L')` と `resize`)、各画像を画素値の和で割り、" +
      '学習とテストに各クラス 100 枚(`train_num = 100`)。196-256-128-64-32-32-32-10 のネットワークで、中間層は ReLU、出力層はシグモイド、' +
      '重みとバイアスは一様分布 (−0.5, 0.5)、二乗誤差、1 サンプルずつの SGD(α = 0.1)、エポックごとに `class_num × train_num` = 1000 回の復元抽出、' +
      '`epoch = 200` エポック。講義のとおり 8 層では学習が進まないことがよくあります。いくつかの乱数の種(`seed`)を試してください。' +
      '講義のプログラムが読む JPEG で学習するには、`dllab export-mnist DIR` で MNIST を書き出し、`--data DIR/train --test DIR/test` を付けて学習します。',
  },
  'lenet-1989': {
    model: 'LeNet (LeCun 1989)',
    name: '16×16 の MNIST で LeNet(LeCun 1989)',
    description:
      '講義で最初に出てくる畳み込みニューラルネットワーク(LeNet、Y. LeCun 1989: 入力 256、2 つの畳み込み層の中間ユニット 12×64 と 12×16、' +
      '中間ユニット 30、出力 10)を、元の論文の数字と同じく 16×16 に縮小した MNIST で学習します。tanh ユニット、ソフトマックス交差エントロピー、' +
      'モーメンタム付き SGD。1989 年のネットワークとの 2 つの違いはモデルの説明にあります。',
  },
  lenet5: {
    model: 'LeNet-5',
    name: 'MNIST で LeNet-5',
    description:
      'LeNet-5(Y. LeCun 1998、講義の畳み込み + プーリングのネットワーク)を [0, 1] に正規化した 28×28 の MNIST で学習します。' +
      'ロジットに対するソフトマックス交差エントロピー、Adam、ミニバッチ 64。3 エポック以内にテスト精度 98.5 % 以上を目指します。',
  },
  'stacked-ae': {
    model: '積層オートエンコーダの分類器 784-256-64-10',
    name: '積層オートエンコーダとファインチューニング',
    description:
      '講義の積層オートエンコーダ: 層ごとの貪欲な事前学習(`hidden1` は画像のオートエンコーダとして、`hidden2` は `hidden1` の符号のオートエンコーダとして)の後、' +
      '積み重ねたエンコーダにソフトマックスの出力層を加え、分類器としてファインチューニングします。同じ初期重みから事前学習なしで学習したネットワークと比べます。' +
      'ラベルが少なく、事前学習が効くはずの設定: 学習データは各クラス 100 枚、テストは MNIST のテストデータ 10,000 枚すべて。',
  },
  'vgg-mini': {
    model: 'VGG-mini (CIFAR-10)',
    name: 'CIFAR-10 で VGG のブロック',
    description:
      '講義の VGG の考え方(2×2 の最大値プーリングの間に 3×3 の畳み込みを重ねる)を 32×32 の CIFAR-10 に合わせて縮小したもの: ' +
      'フィルタ数 32, 64, 128 の 3 ブロック、ドロップアウト付きの全結合 256、出力 10。ソフトマックス交差エントロピー、Adam。' +
      'データは宿題のフォルダー構成 `cifar-10/{train,test}/<クラス>/<j>.png`(別のデータは `--data` と `--test` で指定)。',
  },
  vgg16: {
    model: 'VGG-16',
    name: 'VGG-16(224×224)',
    description:
      '(B, 3, 224, 224) の画像に対する VGG-16、講義の形状の表: ネットワークを組み立て、各層の出力の形状とパラメータ数' +
      '(138,357,544 個)を確かめ、順伝播を実行するためのものです。CPU でゼロから学習するのは現実的ではありません。' +
      'データは写真のクラスフォルダー(`images/train/<クラス>/…`)で、224×224 に縮小します。',
  },
}
