/**
 * Latin words a Japanese screen may show, each a name with no Japanese form in the lecture or in
 * use: data sets (MNIST, CIFAR), file formats (JSON, HTML, JPEG), the lecture's function and optimizer
 * names as it writes them (ReLU, tanh, Adam, Nesterov), people's names of initialisers and filters
 * (Glorot, LeCun, Gabor, Sobel), the lecture's programs and the library whose results
 * "lecture-exact" reproduces (Python, Pillow, NumPy), and model names (LeNet, VGG-mini). Words of
 * three letters or fewer (IDX, RGB, PNG, SVG, CSV, SGD, Lp, DL.py …) are not checked.
 * Used by the message check (i18n/messages.test.ts) and the on-screen check (e2e/language.spec.ts).
 */
export const LATIN_NAMES: readonly string[] = [
  'MNIST',
  'CIFAR',
  'JSON',
  'HTML',
  'JPEG',
  'TIFF',
  'WebP',
  'JPEG',
  'ReLU',
  'tanh',
  'Adam',
  'Nesterov',
  'Glorot',
  'LeCun',
  'Gabor',
  'Sobel',
  'Python',
  'Pillow',
  'NumPy',
  'LeNet',
  'VGG-mini',
]

const latinName = new RegExp(`(?<![A-Za-z])(${LATIN_NAMES.join('|')})(?![A-Za-z])`, 'g')

/** Runs of 4+ Latin letters left in a Japanese text once {placeholders} and LATIN_NAMES go. */
export function englishWords(text: string): string[] {
  return (
    text
      .replace(/\{[^}]*\}/g, ' ')
      .replace(latinName, ' ')
      .match(/[A-Za-z]{4,}/g) ?? []
  )
}
