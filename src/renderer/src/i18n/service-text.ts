/**
 * A service's text in the screen's language: a scan problem or an error becomes a message key, the
 * values to fill it with, and the English detail to show beside it (never as the sentence itself).
 * The messages are in sections/service-text.ts; the components render the key with <i18n-t>, each
 * verbatim value (path, file or class name) in <code>.
 */
import type { ScanProblem } from '../../../shared/ipc/contract'
import { isErrorCode, isScanProblemCode, type MessageParams } from '../../../shared/ipc/message-codes'

/** One value of a message: shown as it is (a path, a name: not translated) or as text. */
export interface MessagePart {
  readonly text: string
  readonly verbatim: boolean
}

export interface LocalizedText {
  readonly key: string
  readonly parts: Readonly<Record<string, MessagePart>>
  /** English words to show as a labelled detail (a decoder's or the system's, a service's message). */
  readonly detail?: string
}

/** Params whose value is a word of a table in sections/service-text.ts, not shown verbatim. */
const translatedParams: Readonly<Record<string, string>> = {
  cause: 'serviceText.causes',
  action: 'serviceText.actions',
}

/** What the i18n instance gives (vue-i18n's composer, or the global one in tests). */
export interface Translator {
  t: (key: string) => string
  te: (key: string) => boolean
  locale: string
}

function partsOf(params: MessageParams | undefined, i18n: Translator): Record<string, MessagePart> {
  const parts: Record<string, MessagePart> = {}
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name === 'detail') continue
    const table = translatedParams[name]
    if (typeof value === 'number') parts[name] = { text: value.toLocaleString(i18n.locale), verbatim: false }
    else if (table && i18n.te(`${table}.${value}`))
      parts[name] = { text: i18n.t(`${table}.${value}`), verbatim: false }
    else parts[name] = { text: value, verbatim: true }
  }
  return parts
}

const detailOf = (params: MessageParams | undefined) =>
  typeof params?.detail === 'string' && params.detail !== '' ? { detail: params.detail } : {}

/** A scan problem: its code's sentence; the decoder's own words, if kept, as the detail. */
export function scanProblemText(problem: ScanProblem, i18n: Translator): LocalizedText {
  if (!isScanProblemCode(problem.code)) {
    return { key: 'serviceText.skipped', parts: {}, detail: problem.reason }
  }
  return {
    key: `serviceText.scanProblems.${problem.code}`,
    parts: partsOf(problem.params, i18n),
    ...detailOf(problem.params),
  }
}

export interface ErrorLike {
  readonly name: string
  readonly message: string
  readonly code?: string | undefined
  readonly params?: MessageParams | undefined
}

/**
 * An error: its code's sentence (with the params' detail, if any); without a known code, the lead
 * sentence of its class (or the generic one) with the error's own English message as the detail.
 */
export function errorText(error: ErrorLike, i18n: Translator): LocalizedText {
  if (isErrorCode(error.code)) {
    return {
      key: `serviceText.errors.${error.code}`,
      parts: partsOf(error.params, i18n),
      ...detailOf(error.params),
    }
  }
  const byName = `serviceText.byName.${error.name}`
  return {
    key: i18n.te(byName) ? byName : 'serviceText.byName.generic',
    parts: {},
    ...(error.message !== '' ? { detail: error.message } : {}),
  }
}
