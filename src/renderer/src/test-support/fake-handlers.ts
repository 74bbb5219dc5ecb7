import type { ChannelName, RequestOf } from '../../../shared/ipc/contract'

/** A fake's handlers for some of the channels (each fake-*.ts file owns a few). */
export type FakeHandlers<C extends ChannelName> = { [K in C]: (request: RequestOf<K>) => unknown }

/** A channel this fake does not answer yet: the test that reaches it fails with a clear message. */
export const notFaked = (channel: ChannelName) => (): never => {
  throw new Error(`the fake api does not answer ${channel}`)
}
