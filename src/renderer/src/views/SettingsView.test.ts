// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createAppI18n } from '../i18n'
import { useSettingsStore } from '../stores/settings'
import { withFakeApi } from '../test-support/with-fake-api'
import SettingsView from './SettingsView.vue'

async function mountView() {
  const fake = withFakeApi({
    files: { home: { user: { 'DL Lab': {} } } },
    settings: { workspace: '/home/user/DL Lab', language: 'en', trainingProcesses: 3 },
  })
  await useSettingsStore().load()
  const wrapper = mount(SettingsView, { global: { plugins: [createAppI18n('en')] } })
  await flushPromises()
  const label = wrapper.findAll('label').find((l) => l.text() === 'Training processes')!
  const input = wrapper.get(`#${CSS.escape(label.attributes('for')!)}`)
  return { fake, wrapper, input }
}

describe('SettingsView', () => {
  it('shows and saves the number of training processes, explaining the queue', async () => {
    const { fake, wrapper, input } = await mountView()
    expect((input.element as HTMLInputElement).value).toBe('3')
    const hint = wrapper.get(`#${CSS.escape(input.attributes('aria-describedby')!.split(' ')[0]!)}`)
    expect(hint.text()).toContain('wait in the queue')
    expect(hint.text()).toMatch(/This computer has \d+ processor cores\./)

    await input.setValue('5')
    await flushPromises()
    expect(fake.saved.trainingProcesses).toBe(5)
    expect(input.attributes('aria-invalid')).toBe('false')
  })

  it('marks a number outside 1 to 16 and does not send it', async () => {
    const { fake, wrapper, input } = await mountView()
    for (const text of ['17', '0', '2.5', '']) {
      await input.setValue(text)
      await flushPromises()
      expect(input.attributes('aria-invalid'), text).toBe('true')
    }
    expect(wrapper.text()).toContain('Enter a whole number from 1 to 16.')
    expect(fake.calls.filter((c) => c.channel === 'settings.update')).toEqual([])
    expect(fake.saved.trainingProcesses).toBe(3)
  })
})
