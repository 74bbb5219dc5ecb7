import type { DlLabApi } from '../../shared/ipc/contract'
import { HostError } from '../services/errors'
import { renderPng } from '../services/figures'
import { buildRunReport, safeFileName, writeReportFolder } from '../services/report'
import { ResultsError } from '../services/results'
import { RunNotFoundError, RunStore } from '../services/runs'
import type { Services } from '../services/services'
import { chosenFolder } from './data-access'

type ExportChannels = 'figures.png' | 'export.save' | 'report.html' | 'report.saveHtml' | 'report.savePdf'

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The bytes of an export request; base64 must be canonical (no spaces, no stray characters). */
function contentBytes(channel: string, encoding: 'utf8' | 'base64', content: string): Uint8Array {
  if (encoding === 'utf8') return Buffer.from(content, 'utf8')
  if (content.length % 4 !== 0 || !BASE64.test(content)) {
    throw new HostError(`${channel}: the content is not valid base64`)
  }
  return Buffer.from(content, 'base64')
}

/**
 * Figure export (PNG through the renderPng the CLI uses), saving through the native save dialog,
 * and run reports: one HTML page, an HTML folder in a chosen folder, a PDF (desktop app). In web mode
 * the browser saves (downloads) and prints instead: those channels answer with an error saying so.
 * Runs are opened by id in the current workspace only; the save dialog's path is the user's choice
 * and is neither granted nor remembered.
 */
export function createExportHandlers(services: Services): Pick<DlLabApi, ExportChannels> {
  const { host, settings } = services

  const report = async (runId: string) => {
    const { workspace, language } = await settings.get()
    const store = new RunStore(workspace)
    let run
    try {
      run = await store.open(runId)
    } catch (error) {
      if (!(error instanceof RunNotFoundError)) throw error
      throw new ResultsError(`unknown run ${runId}: there is no such run in ${store.runsDir}`, {
        cause: error,
        code: 'run-not-found',
        params: { runId },
      })
    }
    return buildRunReport({
      run,
      results: { modelOf: (experiment) => services.modelOf(experiment), workspace },
      app: services.info,
      language,
    })
  }

  const saveFile = (channel: string, defaultName: string, bytes: Uint8Array) => {
    if (!host.saveFile) {
      throw new HostError(
        `${channel}: in web mode the browser downloads the file; this host has no save dialog`,
      )
    }
    return host.saveFile(defaultName, bytes)
  }

  return {
    'figures.png': async ({ svg, scale }) => ({
      base64: (await renderPng(svg, { scale })).toString('base64'),
    }),

    'export.save': async ({ defaultName, encoding, content }) => {
      const bytes = contentBytes('export.save', encoding, content)
      return { path: await saveFile('export.save', safeFileName(defaultName), bytes) }
    },

    'report.html': async ({ runId }) => {
      const { name, html } = await report(runId)
      return { name, html }
    },

    'report.saveHtml': async ({ runId, folder }) => {
      const parent = await chosenFolder(services, folder)
      return { path: await writeReportFolder(parent, await report(runId)) }
    },

    'report.savePdf': async ({ runId }) => {
      if (!host.printPdf) {
        throw new HostError(
          "report.savePdf: web mode makes no PDF itself; open the report and use the browser's print " +
            '(Save as PDF) instead',
        )
      }
      const { name, html } = await report(runId)
      const pdf = await host.printPdf(html)
      return { path: await saveFile('report.savePdf', `${safeFileName(name)}-report.pdf`, pdf) }
    },
  }
}
