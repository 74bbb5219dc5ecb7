import { type FakeHandlers, notFaked } from './fake-handlers'

/** presets.list for the fake api (Home view, Train view). */
export function createFakePresets(): FakeHandlers<'presets.list'> {
  return { 'presets.list': notFaked('presets.list') }
}
