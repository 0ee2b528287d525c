// The recognition path end to end on the real H5 build: pick a license photo, see the recognized
// fields in the form, fix one, confirm; the record reaches the records page and the backend.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { emptyLicense } from '../../src/domain/license'
import { backendRecords, frontTruth as truth, pickLicense, until } from './flows'
import { startHarness, type Harness } from './harness'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.close()
})

const fieldInput = (page: Page, field: string) => page.locator(`[data-field="${field}"] input`)

/** Waits for the first image under `selector` to finish loading; its natural width (0 when it failed). */
async function loadedWidth(page: Page, selector: string): Promise<number> {
  const image = page.locator(selector).first()
  await image.waitFor()
  await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLImageElement | null)?.complete === true, selector)
  return image.evaluate((img) => (img as HTMLImageElement).naturalWidth)
}

test('on a 390×844 screen the shutter and album buttons are fully visible above the tab bar', async () => {
  const page = await harness.newPage()
  expect(page.viewportSize()).toEqual({ width: 390, height: 844 })
  await page.goto(`${harness.server.url}/#/pages/scan/index`)
  await page.getByText('将行驶证主页放入框内', { exact: false }).waitFor()
  const tabBar = await page.locator('.weui-tabbar').boundingBox()
  expect(tabBar).not.toBeNull()
  expect(tabBar!.y + tabBar!.height).toBeLessThanOrEqual(844)

  const controls = { shutter: page.locator('.scan-page__shutter'), album: page.locator('.scan-page__side', { hasText: '相册' }) }
  for (const [name, control] of Object.entries(controls)) {
    const box = await control.boundingBox()
    if (!box) throw new Error(`the ${name} button is not rendered`)
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(tabBar!.y)
    // Nothing lies over its middle either: a tap there reaches the control.
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('.scan-page__shutter, .scan-page__side')?.className ?? null,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    )
    expect(hit).toContain(name === 'shutter' ? 'scan-page__shutter' : 'scan-page__side')
  }
  await harness.screenshot(page, 'scan-page-controls-390x844')
})

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

  // The photo just picked shows above the form, loaded, and opens full size on a tap.
  expect(await loadedWidth(page, '.review-page .license-photo img')).toBeGreaterThan(0)
  const photoBox = await page.locator('.review-page .license-photo').boundingBox()
  const formBox = await page.locator('.review-page__form').boundingBox()
  expect(photoBox!.y + photoBox!.height).toBeLessThanOrEqual(formBox!.y)
  await harness.screenshot(page, 'review-page')
  await page.locator('.review-page .license-photo').click()
  expect(await loadedWidth(page, '.preview-image img')).toBeGreaterThan(0)
  await harness.screenshot(page, 'review-photo-zoomed')
  await page.locator('.preview-image').click() // a tap closes the viewer
  await page.locator('.preview-image').waitFor({ state: 'detached' })

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
  // The photo's path came back with the draft (whether Chromium still serves the object URL from its
  // memory cache or not; the dead-URL case is the next test).
  await page.locator('.review-page .license-photos .license-photo').waitFor()
  await page.locator('.review-page__confirm').click()
  await page.waitForURL(/pages\/records\/index/)

  // The record reaches the backend under this user.
  const listed = await until(() => backendRecords(page), (list) => list.length > 0, 'the confirmed record to reach the backend')
  expect(listed.map((r) => [r.license.owner, r.license.plateNum])).toEqual([
    ['王小明', truth.plateNum],
  ])
})

test('a photo whose object URL has died (the browser restarted) leaves a notice; unsure fields carry 请核对', async () => {
  const page = await harness.newPage()
  await page.goto(`${harness.server.url}/#/pages/scan/index`)
  await page.getByText('将行驶证主页放入框内', { exact: false }).waitFor()
  // A draft as the store persists it (Taro wraps stored values as { data }), its photo's URL revoked.
  const textFields = ['plateNum', 'vehicleType', 'owner', 'addr', 'useCharacter', 'model', 'vin', 'engineNum', 'registerDate', 'issueDate'] as const
  const license = { ...emptyLicense(), ...Object.fromEntries(textFields.map((field) => [field, String(truth[field])])) }
  await page.evaluate((draftLicense) => {
    const url = URL.createObjectURL(new Blob(['not kept']))
    URL.revokeObjectURL(url)
    // Two values the OCR was unsure of: they carry the 请核对 badge.
    const confidence = { owner: 0.6, engineNum: 0.7 }
    const draft = { license: draftLicense, recognized: draftLicense, confidence, warnings: [], provider: 'paddle', mode: 'photo', startedAt: '', photoPaths: [url] }
    localStorage.setItem('vls-draft', JSON.stringify({ data: JSON.stringify({ state: { draft }, version: 1 }) }))
  }, license)
  await page.goto(`${harness.server.url}/#/pages/review/index`)
  await page.reload() // the stores read storage when the app starts
  await page.locator('.license-photo--gone', { hasText: '照片已失效，可重新扫描' }).waitFor()
  await expect(page.locator('.review-page .license-photo img').count()).resolves.toBe(0)
  await expect(fieldInput(page, 'plateNum').inputValue()).resolves.toBe(truth.plateNum)
  const badged = await page.locator('.field-row__badge').evaluateAll((badges) =>
    badges.map((badge) => [badge.closest('[data-field]')?.getAttribute('data-field'), badge.textContent]),
  )
  expect(badged).toEqual([
    ['owner', '请核对'],
    ['engineNum', '请核对'],
  ])
  await harness.screenshot(page, 'review-photo-gone')
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
