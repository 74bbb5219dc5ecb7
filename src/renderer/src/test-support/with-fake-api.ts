import { createPinia, setActivePinia } from 'pinia'
import { setApi } from '../api'
import { createFakeApi, type FakeApi, type FakeApiOptions } from './fake-api'

/** A fresh Pinia and a fresh fake service behind `api`, for one test. */
export function withFakeApi(options: FakeApiOptions = {}): FakeApi {
  const fake = createFakeApi(options)
  setApi(fake)
  setActivePinia(createPinia())
  return fake
}
