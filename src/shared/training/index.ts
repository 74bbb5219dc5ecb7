/**
 * Training across processes: the worker protocol (parent ↔ training worker) and the supervisor's
 * events and run descriptions (main ↔ renderer, web mode, CLI).
 */
export * from './protocol'
export * from './events'
