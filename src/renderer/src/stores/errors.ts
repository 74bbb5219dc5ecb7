import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { MessageParams } from '../../../shared/ipc/message-codes'
import { ApiError, ApiTimeoutError, ConnectionError } from '../api'

/**
 * A failure as the banner shows it. `message` is the error's own text (a service's English
 * sentence), `name` its class (on the service's side for an ApiError), `code` and `params` what
 * went wrong for the screen's language (i18n/service-text.ts). A report that was a string is text
 * already in the screen's language (`translated`).
 */
export interface ReportedError {
  id: number
  message: string
  name: string
  code?: string
  params?: MessageParams
  translated: boolean
}

type Report = Omit<ReportedError, 'id'>

function toReport(error: unknown): Report {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error', translated: false }
  const name = error instanceof ApiError ? error.remoteName : error.name
  const report: Report = { message: error.message, name, translated: false }
  // Only the api's errors carry our codes; a DOM or Node error's `code` is something else.
  if (error instanceof ApiError || error instanceof ConnectionError || error instanceof ApiTimeoutError) {
    if (error.code !== undefined) report.code = error.code
    if (error.params !== undefined) report.params = error.params
  }
  return report
}

/** Where every failure the user should know about goes; the error banner shows them. */
export const useErrorsStore = defineStore('errors', () => {
  const errors = ref<ReportedError[]>([])
  let nextId = 1

  /** An error (a service's, the connection's, the page's), or a sentence in the screen's language. */
  function report(error: unknown): void {
    const next =
      typeof error === 'string' ? { message: error, name: 'Error', translated: true } : toReport(error)
    // The same failure reported twice in a row (e.g. a retried action) is shown once.
    const last = errors.value.at(-1)
    if (last?.message === next.message && last.code === next.code) return
    errors.value.push({ id: nextId++, ...next })
  }

  function dismiss(id: number): void {
    errors.value = errors.value.filter((error) => error.id !== id)
  }

  function clear(): void {
    errors.value = []
  }

  return { errors, report, dismiss, clear }
})
