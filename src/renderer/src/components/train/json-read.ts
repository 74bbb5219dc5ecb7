/** Reading fields of JSON whose shape is not known (an experiment as a file holds it). */
export type Json = Record<string, unknown>
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
export const objectAt = (value: unknown, key: string): Json =>
  isObject(value) && isObject(value[key]) ? value[key] : {}
export const numberAt = (value: Json, key: string): number | undefined =>
  typeof value[key] === 'number' && Number.isFinite(value[key]) ? value[key] : undefined
export const stringAt = (value: Json, key: string): string | undefined =>
  typeof value[key] === 'string' ? value[key] : undefined
export const oneOf = <T extends string>(options: readonly T[], value: unknown, fallback: T): T =>
  options.find((option) => option === value) ?? fallback
