import { createAppI18n } from '../../../i18n'
import type { ProblemI18n } from '../problem-text'

/** What ProblemMessage.vue hands problemText, from the app's messages in `locale` (for tests). */
export function problemI18n(locale: 'en' | 'ja'): ProblemI18n {
  const { t, te } = createAppI18n(locale).global
  return {
    t: (key, named, plural) =>
      plural === undefined ? t(key as never, named) : t(key as never, named, plural),
    te: (key) => te(key as never),
    locale,
  }
}
