import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface ReportedError {
  id: number
  message: string
}

/** Where every failure the user should know about goes; the error banner shows them. */
export const useErrorsStore = defineStore('errors', () => {
  const errors = ref<ReportedError[]>([])
  let nextId = 1

  function report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    // The same failure reported twice in a row (e.g. a retried action) is shown once.
    if (errors.value.at(-1)?.message === message) return
    errors.value.push({ id: nextId++, message })
  }

  function dismiss(id: number): void {
    errors.value = errors.value.filter((error) => error.id !== id)
  }

  function clear(): void {
    errors.value = []
  }

  return { errors, report, dismiss, clear }
})
