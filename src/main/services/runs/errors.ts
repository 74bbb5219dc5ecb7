import { ServiceError } from '../errors'

/** A run folder or one of its files cannot be read, written or found. */
export class RunStoreError extends ServiceError {}

/** No run with that id in the workspace. */
export class RunNotFoundError extends RunStoreError {}

/** A folder under runs/ without run.json: not a run (left alone by list). */
export class NotARunError extends RunStoreError {}
