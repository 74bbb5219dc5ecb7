import type { SpecIssueDetail } from '../issue-codes'
import { checkModelSpec } from '../shape-inference'
import type { SpecIssue } from '../spec-issues'

/** What issue-cases.ts and schema-issue-cases.ts are made of: a spec, its sentence and its machine form. */
export interface IssueCase {
  title: string
  /** Runs the check and returns the issue whose message is `message`. */
  issue: () => SpecIssue
  message: string
  detail: SpecIssueDetail
}

/** The issue of checkModelSpec(spec) that says `message`; throws listing what it said instead. */
export function fromSpec(spec: unknown, message: string): SpecIssue {
  const check = checkModelSpec(spec)
  const issues = check.ok ? [] : check.error.issues
  const found = issues.find((issue) => issue.message === message)
  if (!found) throw new Error(`no issue "${message}"; got ${JSON.stringify(issues.map((i) => i.message))}`)
  return found
}

export const image = { format: 'dllab.model/1', input: { channels: 1, height: 28, width: 28 } }
export const vector = (features: number) => ({ format: 'dllab.model/1', input: { features } })
export const withLayers = (base: object, ...layers: unknown[]) => ({ ...base, layers })

export function specCase(title: string, spec: unknown, message: string, detail: SpecIssueDetail): IssueCase {
  return { title, issue: () => fromSpec(spec, message), message, detail }
}
