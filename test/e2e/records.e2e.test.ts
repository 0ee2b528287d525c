// Records end to end on the real H5 build: confirm a record, reload, find it, edit it, delete it;
// every step is checked against the backend too, and the list masks PII.
import type { Page } from 'playwright-core'
import { maskOwner } from '../../src/store/pii-mask'
import { backendRecords, frontTruth as truth, pickLicense, scanAndConfirm } from './flows'
import { eventually, startHarness, type Harness } from './harness'

let harness: Harness
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.close()
})

const serverRecords = (page: Page) => backendRecords(page, 'dev-user')

test('confirm, reload, search, edit and delete a record', async () => {
  const page = await harness.newPage()
  await scanAndConfirm(page, harness.server.url)

  const item = page.locator('.record-item', { hasText: truth.plateNum })
  await item.waitFor()
  expect(await eventually(async () => (await serverRecords(page)).length, 1)).toBe(1)
  // The list masks the owner; the full name only shows on the record page.
  await expect(item.textContent()).resolves.not.toContain(truth.owner)
  expect(maskOwner(truth.owner)).toMatch(/\*/)
  await expect(item.textContent()).resolves.toContain(maskOwner(truth.owner))

  // Confirmed on this device: the record page shows the photo, still under its server id.
  await page.waitForFunction(() => !document.querySelector('.record-item')?.getAttribute('data-id')?.startsWith('local-'))
  await item.click()
  await page.waitForURL(/pages\/record\/index/)
  const photo = page.locator('.record-page .license-photo img')
  await photo.waitFor()
  await page.waitForFunction(() => (document.querySelector('.record-page .license-photo img') as HTMLImageElement | null)?.complete === true)
  expect(await photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  await harness.screenshot(page, 'record-page-photo')
  await page.goBack()
  await page.waitForURL(/pages\/records\/index/)

  await page.reload()
  await item.waitFor()
  await expect(item.locator('.record-item__sync').count()).resolves.toBe(0) // synced
  await harness.screenshot(page, 'records-page')

  // Search by part of the VIN, then by something that matches nothing.
  const search = page.locator('.nut-searchbar input')
  await search.fill(truth.vin.slice(-6))
  await item.waitFor()
  await search.fill('ZZZ999')
  await page.getByText('没有匹配的记录').waitFor()
  await search.fill('')

  await item.click()
  await page.waitForURL(/pages\/record\/index/)
  await page.locator('.license-fields [data-field="owner"]', { hasText: truth.owner }).waitFor()
  await harness.screenshot(page, 'record-page')

  await page.locator('.record-page__edit').click()
  await page.waitForURL(/pages\/review\/index/)
  await page.locator('[data-field="owner"] input').fill('李四')
  await page.locator('.review-page__confirm').click()
  await page.waitForURL(/pages\/records\/index/)
  expect(await eventually(async () => (await serverRecords(page))[0]?.license.owner, '李四')).toBe('李四')
  const [saved] = await serverRecords(page)
  expect(saved.version).toBe(2)

  await page.locator('.record-item', { hasText: truth.plateNum }).click()
  await page.locator('.record-page__delete').click()
  await page.getByText('删除后无法恢复', { exact: false }).waitFor()
  await page.getByText('确定', { exact: true }).click()
  await page.waitForURL(/pages\/records\/index/)
  await page.getByText('还没有记录', { exact: false }).waitFor()
  expect(await eventually(async () => (await serverRecords(page)).length, 0)).toBe(0)
})

test('confirming a license whose VIN is already on record offers to update that record', async () => {
  const page = await harness.newPage('dev-user-2')
  const records = () => backendRecords(page, 'dev-user-2')
  await scanAndConfirm(page, harness.server.url)
  expect(await eventually(async () => (await records()).length, 1)).toBe(1)

  // The same card again, with the owner corrected this time.
  await pickLicense(page, harness.server.url)
  await page.locator('.review-page__form').waitFor({ timeout: 90000 })
  await page.locator('[data-field="owner"] input').fill('赵六')
  await page.locator('.review-page__confirm').click()
  await page.waitForURL(/pages\/records\/index/)

  const failed = page.locator('.record-item', { hasText: '同步失败' })
  await failed.waitFor()
  await failed.click()
  await page.locator('.record-page__notice', { hasText: '该车辆识别代号已有记录' }).waitFor()
  await harness.screenshot(page, 'record-duplicate-vin')
  await page.locator('.record-page__update-existing').click()
  await page.locator('.license-fields [data-field="owner"]', { hasText: '赵六' }).waitFor()

  const after = await eventually(async () => (await records()).map((r) => String(r.license.owner)), ['赵六'])
  expect(after).toEqual(['赵六'])
})
