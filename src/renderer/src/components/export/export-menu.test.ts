// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { getActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createAppI18n } from '../../i18n'
import { useAppInfoStore } from '../../stores/app-info'
import { withFakeApi } from '../../test-support/with-fake-api'
import ExportMenu from './ExportMenu.vue'

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"></svg>'

function mountMenu(props: InstanceType<typeof ExportMenu>['$props']) {
  return mount(ExportMenu, {
    props,
    attachTo: document.body,
    global: { plugins: [getActivePinia()!, createAppI18n('en')] },
  })
}

describe('ExportMenu', () => {
  it('lists the formats a figure has and saves through the desktop save dialog', async () => {
    const fake = withFakeApi({ host: 'electron' })
    await useAppInfoStore().load()
    const wrapper = mountMenu({ figure: { name: 'loss', svg, csv: 'a\n' }, title: 'Loss' })
    const toggle = wrapper.get('button[aria-expanded]')
    expect(toggle.attributes('aria-label')).toBe('Export Loss')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    const formats = wrapper.findAll('[role="group"] button')
    expect(formats.map((b) => b.text())).toEqual(['PNG 1×', 'PNG 2×', 'PNG 3×', 'SVG', 'CSV (numbers)'])
    await formats[1]!.trigger('click')
    await flushPromises()
    expect(fake.calls.map((c) => c.channel)).toEqual(['app.info', 'figures.png', 'export.save'])
    expect(fake.calls[2]!.request).toMatchObject({ defaultName: 'loss@2x.png', encoding: 'base64' })
    expect(wrapper.get('[role="status"]').text()).toBe('Saved /home/user/Downloads/loss@2x.png')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    wrapper.unmount()
  })

  it('draws a figure given as a function only when an export is chosen; Escape closes', async () => {
    const fake = withFakeApi({ host: 'electron' })
    await useAppInfoStore().load()
    const draw = vi.fn(() => ({ name: 'bench', svg }))
    const wrapper = mountMenu({ figure: draw, title: 'filter bench', formats: ['svg'] })
    const toggle = wrapper.get('button[aria-expanded]')
    await toggle.trigger('click')
    expect(draw).not.toHaveBeenCalled()
    await wrapper.get('.export-menu').trigger('keydown', { key: 'Escape' })
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    await wrapper.get('[role="group"] button').trigger('click')
    await flushPromises()
    expect(draw).toHaveBeenCalledTimes(1)
    expect(fake.calls.at(-1)?.request).toEqual({ defaultName: 'bench.svg', encoding: 'utf8', content: svg })
    wrapper.unmount()
  })
})
