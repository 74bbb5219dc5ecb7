/** The part of ConvNetJS 0.3.0 (CommonJS, no types of its own) that bench/peers-js/convnetjs.ts uses. */
declare module 'convnetjs' {
  export interface LayerDef {
    type: string
    [option: string]: unknown
  }
  export class Vol {
    constructor(sx: number, sy: number, depth: number, c?: number)
    /** Values, float64, x fastest, then y, then depth (index ((sx·y)+x)·depth + d). */
    w: Float64Array
  }
  export class Net {
    layers: unknown[]
    makeLayers(defs: LayerDef[]): void
  }
  export interface TrainerOptions {
    method?: string
    learning_rate?: number
    momentum?: number
    batch_size?: number
    l2_decay?: number
  }
  export class Trainer {
    constructor(net: Net, options: TrainerOptions)
    /** One sample's forward and backward; every batch_size-th call also updates the weights. */
    train(x: Vol, y: number | number[] | Float64Array): unknown
  }
}
