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
  'training.start',
  'training.list',
  'training.pause',
  'training.resume',
  'training.cancel',
  'training.kill',
  'training.resumeRun',
  'presets.list',
  'datasets.inspect',
  'runs.detail',
  'runs.figures',
  'runs.confusionCell',
  'runs.featureMaps',
  'runs.im2col',
  'figures.png',
  'export.save',
  'report.html',
  'report.saveHtml',
  'report.savePdf',
] as const

export type ListedChannel = (typeof channelNames)[number]

/**
 * Events main pushes to the renderer without a request (Electron: webContents.send; web mode: a
 * WebEvent on the socket). contract.ts checks this list against the IpcEvents map at compile time.
 */
export const eventNames = [
  'training.progress',
  'training.loading',
  'training.stage',
  'training.epoch',
  'training.preview',
  'training.checkpoint',
  'training.state',
] as const

export type ListedEvent = (typeof eventNames)[number]
