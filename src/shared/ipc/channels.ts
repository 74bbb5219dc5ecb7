/**
 * The contract's channel names as a plain list, free of zod, so the sandboxed preload can build
 * window.api without bundling the schemas. contract.ts checks at compile time that this list and the
 * contract's channels are the same set: adding a channel there without listing it here fails `tsc`.
 */
export const channelNames = [
  'app.info',
  'settings.get',
  'settings.update',
  'folders.pick',
  'folders.list',
  'datasets.scanFolder',
] as const

export type ListedChannel = (typeof channelNames)[number]
