import { ServiceError } from '../errors'

/**
 * A run's results cannot be given: an unknown run, a run without weights yet, a layer that is not a
 * convolution, a patch outside the feature map. The message says which and what to do.
 */
export class ResultsError extends ServiceError {}
