// Starts the local backend on a free port with a fresh data dir and opens the H5 app in Chromium.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { loadConfig } from '../../server/config'
import { startServer, type RunningServer } from '../../server/main'

export const ROOT = path.resolve(__dirname, '../..')
export const ARTIFACTS = path.join(ROOT, 'test-artifacts')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface Harness {
  server: RunningServer
  browser: Browser
  dataDir: string
  newPage(openid?: string): Promise<Page>
  screenshot(page: Page, name: string): Promise<string>
  close(): Promise<void>
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const staticDir = path.join(ROOT, 'dist-h5')
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist-h5/ is missing: run `npm run build:h5` first')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-e2e-'))
  const server = await startServer(loadConfig({ ...process.env, ...env, PORT: '0', DATA_DIR: dataDir, STATIC_DIR: staticDir }))
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  return {
    server,
    browser,
    dataDir,
    async newPage(openid = 'dev-user') {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
      // The dev identity switcher's storage key (src/services/dev-identity.ts); Taro stores JSON-wrapped values.
      await context.addInitScript((id) => {
        if (!localStorage.getItem('vls-dev-openid')) localStorage.setItem('vls-dev-openid', JSON.stringify({ data: id }))
      }, openid)
      const page = await context.newPage()
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`))
      return page
    },
    async screenshot(page, name) {
      await page.waitForTimeout(400) // let Taro's page transition finish
      const file = path.join(ARTIFACTS, `${name}.png`)
      await page.screenshot({ path: file, fullPage: true })
      return file
    },
    async close() {
      await browser.close()
      await server.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Polls `read` until it returns `expected` (deep equality) or the time runs out; returns the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    value = await read()
  }
  return value
}
