import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'

/**
 * The segmented choices (Datasets' source, the model's input kind) share one style from the global
 * stylesheet: the same look whichever view's styles loaded first.
 */
const nav = (app: Page) => app.getByRole('navigation', { name: 'Main' })

type Styles = Record<
  'backgroundColor' | 'color' | 'padding' | 'borderRadius' | 'fontWeight' | 'border',
  string
>

/** The look of a radio's visible button, checked or not (the e2e code has no DOM types). */
const look = (radio: Locator) =>
  radio.evaluate((input) => {
    const computed = (globalThis as unknown as { getComputedStyle(element: unknown): Styles })
      .getComputedStyle
    const style = computed(input.nextElementSibling)
    const group = computed(input.closest('.segmented'))
    return {
      background: style.backgroundColor,
      color: style.color,
      padding: style.padding,
      radius: style.borderRadius,
      weight: style.fontWeight,
      groupBackground: group.backgroundColor,
      groupBorder: group.border,
    }
  })

test('Datasets and Model draw their segmented choices alike, before and after each other’s styles load', async ({
  app,
}) => {
  await nav(app).getByRole('link', { name: 'Datasets' }).click()
  const mnist = app.getByRole('radio', { name: 'MNIST (built in)' })
  await expect(mnist).toBeChecked()
  const datasetsBefore = await look(mnist)
  const unchecked = await look(app.getByRole('radio', { name: 'Class folders' }))
  expect(datasetsBefore.background).toBe('rgb(47, 111, 143)') // --accent
  expect(datasetsBefore.color).toBe('rgb(255, 255, 255)')
  expect(unchecked.background).toBe('rgba(0, 0, 0, 0)')

  await nav(app).getByRole('link', { name: 'Model' }).click()
  await app.getByLabel('Start from').selectOption({ label: 'LeNet-5 (convolutional network, 28×28)' })
  const image = app.getByRole('radio', { name: 'Image (C, Y, X)' })
  await expect(image).toBeChecked()
  expect(await look(image)).toEqual(datasetsBefore)
  expect(await look(app.getByRole('radio', { name: 'Vector (features)' }))).toEqual(unchecked)

  await nav(app).getByRole('link', { name: 'Datasets' }).click()
  expect(await look(app.getByRole('radio', { name: 'MNIST (built in)' }))).toEqual(datasetsBefore)
})
