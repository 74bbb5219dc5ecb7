import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { createImageFolder } from './image-folder'
import { startWebServer, type WebServer } from './web-server'

/** What went wrong in the page: console errors and warnings, uncaught errors, CSP violations. */
export interface PageProblems {
  consoleErrors: string[]
  consoleWarnings: string[]
  pageErrors: string[]
  cspViolations: string[]
}

interface WorkerFixtures {
  /** DLLAB_HOME: a home folder holding real images made with sharp (see image-folder.ts). */
  home: string
}

interface TestFixtures {
  /** A fresh web-mode server with its own empty config folder, stopped after the test. */
  server: WebServer
  problems: PageProblems
  /** The app opened at the server's address, as a user does; checked for errors afterwards. */
  app: Page
}

const temp = (prefix: string) => mkdtemp(join(tmpdir(), `dllab-e2e-${prefix}-`))

export const test = base.extend<TestFixtures, WorkerFixtures>({
  home: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const home = await temp('home')
      await createImageFolder(home)
      await mkdir(join(home, 'experiments'))
      await use(home)
      await rm(home, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],

  server: async ({ home }, use) => {
    const configDir = await temp('config')
    const server = await startWebServer({ configDir, home })
    await use(server)
    await server.stop()
    await rm(configDir, { recursive: true, force: true })
  },

  problems: async ({ page }, use) => {
    const problems: PageProblems = {
      consoleErrors: [],
      consoleWarnings: [],
      pageErrors: [],
      cspViolations: [],
    }
    page.on('console', (message) => {
      const where = message.location().url ? ` (${message.location().url})` : ''
      if (message.type() === 'error') problems.consoleErrors.push(message.text() + where)
      if (message.type() === 'warning') problems.consoleWarnings.push(message.text() + where)
    })
    page.on('pageerror', (error) => problems.pageErrors.push(error.message))
    await page.exposeFunction('__dllabCspViolation', (text: string) => problems.cspViolations.push(text))
    // Init scripts run before the page's own and are not subject to its CSP.
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.__dllabCspViolation(event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline') +
          ' in ' + (event.sourceFile || document.URL)))`,
    })
    await use(problems)
  },

  app: async ({ page, server, problems }, use) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(server.url)
    await expect(page.getByRole('navigation')).toBeVisible()
    await use(page)
    expect(problems.pageErrors, 'uncaught errors in the page').toEqual([])
    expect(problems.consoleErrors, 'console errors').toEqual([])
    expect(problems.cspViolations, 'CSP violations').toEqual([])
  },
})

export { expect }
