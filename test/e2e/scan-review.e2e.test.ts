// The recognition path end to end on the real H5 build: pick a license photo, see the recognized
// fields in the form, fix one, confirm; the record reaches the records page and the backend.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { backendRecords, frontTruth as truth, pickLicense } from './flows'
import { startHarness, type Harness } from './harness'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.close()
})

const fieldInput = (page: Page, field: string) => page.locator(`[data-field="${field}"] input`)

test('pick a license photo, see the form filled, fix a field, confirm', async () => {
  const page = await harness.newPage()
  await page.goto(`${harness.server.url}/#/pages/scan/index`)
  await page.getByText('将行驶证主页放入框内', { exact: false }).waitFor()
  await harness.screenshot(page, 'scan-page')
  // Both tab bar icons load.
  const iconWidths = await page.locator('img.weui-tabbar__icon').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))
  expect(iconWidths).toEqual([81, 81])

  await pickLicense(page, harness.server.url)
  await page.locator('.review-page__form').waitFor({ timeout: 90000 })
  await expect(fieldInput(page, 'plateNum').inputValue()).resolves.toBe(truth.plateNum)
  await expect(fieldInput(page, 'vin').inputValue()).resolves.toBe(truth.vin)
  await expect(fieldInput(page, 'owner').inputValue()).resolves.toBe(truth.owner)
  await expect(fieldInput(page, 'registerDate').inputValue()).resolves.toBe(truth.registerDate)
  await harness.screenshot(page, 'review-page')

  // A wrong check digit is flagged inline; fixing it clears the message.
  const vin = String(truth.vin)
  const wrongDigit = vin[8] === '0' ? '1' : '0'
  await fieldInput(page, 'vin').fill(vin.slice(0, 8) + wrongDigit + vin.slice(9))
  await page.locator('[data-field="vin"] .field-row__issue--error').waitFor()
  await harness.screenshot(page, 'review-page-invalid-vin')
  await fieldInput(page, 'vin').fill(vin)
  await expect(page.locator('[data-field="vin"] .field-row__issue--error').count()).resolves.toBe(0)

  // The user's own correction of the owner name is kept.
  await fieldInput(page, 'owner').fill('王小明')

  // The draft, with the user's edit, survives a reload (app restart).
  await page.reload()
  await page.locator('.review-page__form').waitFor()
  await expect(fieldInput(page, 'owner').inputValue()).resolves.toBe('王小明')
  await expect(page.locator('[data-field="addr"] textarea').inputValue()).resolves.toBe(truth.addr)
  await page.locator('.review-page__confirm').click()
  await page.waitForURL(/pages\/records\/index/)

  // The record reaches the backend under this user.
  const listed = await backendRecords(page)
  expect(listed.map((r) => [r.license.owner, r.license.plateNum])).toEqual([
    ['王小明', truth.plateNum],
  ])
})

test('a file that is not an image gets a clear error with its code', async () => {
  const page = await harness.newPage()
  const notImage = path.join(harness.dataDir, 'notes.jpg')
  fs.writeFileSync(notImage, 'this is not an image')
  await pickLicense(page, harness.server.url, notImage)
  const alert = page.locator('.scan-page__error')
  await alert.waitFor()
  await expect(alert.textContent()).resolves.toContain('IMAGE_NOT_IMAGE')
})
