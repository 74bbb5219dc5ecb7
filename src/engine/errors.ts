import type { SpecIssueDetail } from './models/issue-codes'

/**
 * Error classes of the engine. Every message names the operation, what was expected and what was
 * received, and where it can, suggests the fix (STYLE.md). Throw these, never strings.
 */
export class EngineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** A tensor or buffer has the wrong shape or size for an operation. */
export class ShapeError extends EngineError {}

/**
 * A model or experiment spec is invalid (unknown layer, non-integer output size, …). Besides the
 * English message it may carry the problem's machine form (models/issue-codes.ts): a code and the
 * numbers and names the message is built from, for front ends that say it in another language.
 */
export class SpecError extends EngineError {
  /** Index of the offending layer in the spec, when one is to blame. */
  readonly layerIndex: number | undefined
  /** The rule broken and its values; undefined for a problem with no code. */
  readonly detail: SpecIssueDetail | undefined
  constructor(message: string, layerIndex?: number, detail?: SpecIssueDetail) {
    super(message)
    this.layerIndex = layerIndex
    this.detail = detail
  }

  get code(): SpecIssueDetail['code'] | undefined {
    return this.detail?.code
  }

  get params(): SpecIssueDetail['params'] | undefined {
    return this.detail?.params
  }
}

/** A .npy/.npz file is malformed or uses something we refuse (pickled objects, unknown dtype). */
export class NpyFormatError extends EngineError {}

/** A kernel name was asked for that no backend registered. */
export class KernelError extends EngineError {}
