import { createI18n } from 'vue-i18n'
import type { Language } from '../../../shared/ipc/contract'
import { en, type Messages } from './en'
import { ja } from './ja'

declare module 'vue-i18n' {
  // Makes t('…') keys type-checked against the English messages.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}

export const messages: Record<Language, Messages> = { en, ja }

/**
 * vue-i18n in Composition API mode. Its JIT compiler turns messages into an AST and evaluates that,
 * so no message ever needs eval or new Function (the CSP forbids both).
 */
export function createAppI18n(locale: Language = 'en') {
  return createI18n({ legacy: false, locale, fallbackLocale: 'en', messages })
}
