// Steps the browser E2E tests share: pick a license photo, confirm it, read the backend's view.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from './harness'

export const FIXTURES = path.join(ROOT, 'test/fixtures/licenses')
export const FRONT = path.join(FIXTURES, 'front-clean.jpg')
/** Ground truth of FRONT, as the generator wrote it. */
export const frontTruth = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'front-clean.json'), 'utf8')).fields as Record<string, string>

/** Opens the scan page and picks `file` through the 相册 button (the browser's file chooser). */
export async function pickLicense(page: Page, baseUrl: string, file: string = FRONT): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/scan/index`)
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.scan-page__side', { hasText: '相册' }).click()
  await (await chooser).setFiles(file)
}

/** Scans FRONT, optionally corrects the owner, confirms, and lands on the records page. */
export async function scanAndConfirm(page: Page, baseUrl: string, owner?: string): Promise<void> {
  await pickLicense(page, baseUrl)
  await page.locator('.review-page__form').waitFor({ timeout: 90000 })
  if (owner !== undefined) await page.locator('[data-field="owner"] input').fill(owner)
  await page.locator('.review-page__confirm').click()
  await page.waitForURL(/pages\/records\/index/)
  // The URL changes before Taro's router has shown the tab: a navigation started before that can
  // end up under the records page.
  await page.locator('.records-page').waitFor()
}

export interface ListedRecord {
  id: string
  version: number
  status: string
  rejectReason?: string
  license: Record<string, unknown>
}

/** The caller's records as the backend has them (the `records` function's list action). */
export async function backendRecords(page: Page, openid = 'dev-user'): Promise<ListedRecord[]> {
  return page.evaluate(async (caller) => {
    const response = await fetch('/api/fn/records', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-openid': caller },
      body: JSON.stringify({ action: 'list' }),
    })
    return (await response.json()).records
  }, openid)
}

/** Polls `read` until `ok` holds (the app syncs in the background); fails naming `what` after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
