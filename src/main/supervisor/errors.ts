import { ServiceError } from '../services/errors'

/** A training request the supervisor cannot carry out: the message says why and what to do. */
export class SupervisorError extends ServiceError {}

/** No run with that id is known to the workspace. */
export class UnknownRunError extends SupervisorError {}

/** The request does not fit the run's state (resume a finished run, pause a cancelled one, …). */
export class RunStateError extends SupervisorError {}
