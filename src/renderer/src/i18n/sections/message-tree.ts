/** A messages object of the same keys as T, each leaf any string: another language's translation. */
export type MessageTree<T> = { [K in keyof T]: T[K] extends string ? string : MessageTree<T[K]> }
