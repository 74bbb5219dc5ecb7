import { describe, expect, it } from 'vitest'
import { withFakeApi } from '../test-support/with-fake-api'
import { useAppInfoStore } from './app-info'
import { useErrorsStore } from './errors'
import { useFolderPickerStore } from './folder-picker'

const files = { home: { user: { photos: { cats: {}, dogs: {} }, '.cache': {}, 'a.txt': 'text' } } } as const

async function pickerFor(host: 'electron' | 'web', picked: string | null = null) {
  const fake = withFakeApi({ host, files: structuredClone(files), home: '/home/user', picked })
  await useAppInfoStore().load()
  return { fake, picker: useFolderPickerStore() }
}

/** Lets the picker's pending requests finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('useFolderPickerStore', () => {
  it('uses the system dialog in the desktop app', async () => {
    const { fake, picker } = await pickerFor('electron', '/home/user/photos')
    expect(await picker.pick({ title: 'Choose a dataset folder' })).toBe('/home/user/photos')
    expect(picker.browsing).toBe(false)
    expect(fake.calls.at(-1)).toEqual({
      channel: 'folders.pick',
      request: { title: 'Choose a dataset folder' },
    })
  })

  it('browses from the home folder in web mode and answers the chosen folder', async () => {
    const { picker } = await pickerFor('web')
    const chosen = picker.pick({ title: 'Choose a dataset folder' })
    await settle()
    expect(picker.browsing).toBe(true)
    expect(picker.title).toBe('Choose a dataset folder')
    expect(picker.listing).toEqual({
      path: '/home/user',
      parent: '/home',
      folders: [{ name: 'photos', path: '/home/user/photos' }],
    })

    await picker.openFolder('/home/user/photos')
    expect(picker.listing?.folders.map((f) => f.name)).toEqual(['cats', 'dogs'])
    await picker.goUp()
    await picker.goUp()
    expect(picker.listing?.path).toBe('/home')
    await picker.openFolder('/home/user/photos')
    picker.choose()
    expect(await chosen).toBe('/home/user/photos')
    expect(picker.browsing).toBe(false)
  })

  it('answers null when cancelled', async () => {
    const { picker } = await pickerFor('web')
    const chosen = picker.pick({ title: 'Choose the workspace folder', start: '/home/user/photos' })
    await settle()
    expect(picker.listing?.path).toBe('/home/user/photos')
    picker.cancel()
    expect(await chosen).toBeNull()
  })

  it('starts at home when the start folder is gone', async () => {
    const { picker } = await pickerFor('web')
    const chosen = picker.pick({ title: 'Choose', start: '/home/user/deleted' })
    await settle()
    expect(picker.listing?.path).toBe('/home/user')
    expect(useErrorsStore().errors).toEqual([])
    picker.cancel()
    expect(await chosen).toBeNull()
  })

  it('keeps the shown folder when another cannot be opened', async () => {
    const { fake, picker } = await pickerFor('web')
    const chosen = picker.pick({ title: 'Choose' })
    await settle()
    fake.failNext('folders.list', 'EACCES: permission denied, scandir /home/user/photos')
    expect(await picker.openFolder('/home/user/photos')).toBe(false)
    expect(picker.listing?.path).toBe('/home/user')
    expect(useErrorsStore().errors[0]?.message).toContain('permission denied')
    picker.choose()
    expect(await chosen).toBe('/home/user')
  })

  it('does not go above a filesystem root', async () => {
    const { fake, picker } = await pickerFor('web')
    const chosen = picker.pick({ title: 'Choose', start: '/' })
    await settle()
    expect(picker.listing?.parent).toBeNull()
    const before = fake.calls.length
    await picker.goUp()
    expect(fake.calls.length).toBe(before)
    picker.cancel()
    await chosen
  })
})
