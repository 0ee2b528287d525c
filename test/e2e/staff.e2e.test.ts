// Staff review end to end on the real H5 build: a user confirms a scanned license, staff find it in
// the queue, compare and verify it, export it, then reopen and reject it with a reason; the owner's
// pages follow each decision. A non-staff user is turned away from the queue.
import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { backendRecords, frontTruth as truth, scanAndConfirm, until } from './flows'
import { startHarness, type Harness } from './harness'
/** The user's correction over the OCR result: the staff view must highlight it. */
const CORRECTED_OWNER = '王小明'
const REASON = '所有人与照片不符，请重新拍摄'

let harness: Harness
beforeAll(async () => {
  harness = await startHarness()
})
afterAll(async () => {
  await harness?.close()
})

const ownRecords = (page: Page) => backendRecords(page, 'dev-user')

/** Screenshots once the page has come to rest: Taro's page slide-in and any toast are over. */
async function settledScreenshot(page: Page, name: string) {
  const toastsGone = () =>
    Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((toast) => getComputedStyle(toast).display === 'none')
  await page.waitForFunction(toastsGone, undefined, { timeout: 5000 }).catch(() => undefined)
  await page
    .waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: 3000 })
    .catch(() => undefined)
  await harness.screenshot(page, name)
}

/** The owner's list and record page after a fresh load (both pull status from the server). */
async function ownerSees(page: Page, id: string, status: string) {
  await page.goto(`${harness.server.url}/#/pages/records/index`)
  await page.reload()
  await page.locator(`.record-item[data-id="${id}"]`, { hasText: status }).waitFor()
  await page.locator(`.record-item[data-id="${id}"]`).click()
  await page.waitForURL(/pages\/record\/index/)
  await page.locator('.record-page__header', { hasText: status }).waitFor()
}

test('a confirmed record goes through the staff queue: verify, export, reopen, reject', async () => {
  const user = await harness.newPage('dev-user')
  await scanAndConfirm(user, harness.server.url, CORRECTED_OWNER)
  const [created] = await until(() => ownRecords(user), (list) => list.length === 1, 'the record to reach the backend')
  expect(created.status).toBe('pending')

  // Staff: the record waits in 待审核.
  const staff = await harness.newPage('dev-staff')
  await staff.goto(`${harness.server.url}/#/pages/staff/index`)
  await staff.getByText('待审核 1', { exact: true }).waitFor()
  await staff.getByText('已核验 0', { exact: true }).waitFor()
  const item = staff.locator(`.queue-item[data-id="${created.id}"]`)
  await expect(item.textContent()).resolves.toContain(truth.plateNum)
  await settledScreenshot(staff, 'staff-queue')

  // The plate prefix filter narrows the queue and its counts (lower case is fine).
  const plateFilter = staff.locator('.queue-filters__plate input')
  await plateFilter.fill('京')
  await plateFilter.press('Enter')
  await staff.getByText('没有符合条件的待审核记录').waitFor()
  await staff.getByText('待审核 0', { exact: true }).waitFor()
  await plateFilter.fill(truth.plateNum.slice(0, 2).toLowerCase())
  await plateFilter.press('Enter')
  await item.waitFor()
  await staff.getByText('待审核 1', { exact: true }).waitFor()

  // Detail: recognized vs confirmed, with the owner's correction highlighted.
  await item.click()
  await staff.waitForURL(/pages\/staff\/detail/)
  const owner = staff.locator('.field-compare [data-field="owner"]')
  await owner.waitFor()
  await expect(owner.getAttribute('class')).resolves.toContain('field-compare__row--differs')
  await expect(owner.locator('.field-compare__value--recognized').textContent()).resolves.toBe(truth.owner)
  await expect(owner.locator('.field-compare__value--confirmed').textContent()).resolves.toBe(CORRECTED_OWNER)
  await expect(staff.locator('.field-compare__row--differs').count()).resolves.toBe(1)
  await staff.locator('.staff-findings--clean').waitFor()
  await staff.locator('.staff-audit__entry--create').waitFor()
  await settledScreenshot(staff, 'staff-detail')

  await staff.locator('.staff-detail__verify').click()
  await staff.locator('.staff-detail__header', { hasText: '已核验' }).waitFor()
  await staff.locator('.staff-audit__entry--verify').waitFor()
  await ownerSees(user, created.id, '已核验')

  // Export: the verified record comes down as a CSV file (Blob link).
  await staff.goBack()
  await staff.getByText('已核验 1', { exact: true }).waitFor()
  const download = staff.waitForEvent('download')
  await staff.locator('.export-panel__button').click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^行驶证核验记录_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = fs.readFileSync(await file.path(), 'utf8')
  expect(csv).toContain(truth.vin)
  expect(csv).toContain(CORRECTED_OWNER)
  await staff.locator('.export-panel__saved', { hasText: '已下载' }).waitFor()

  // Reopen, then reject: an empty reason is refused inline, a real one reaches the owner.
  await staff.getByText('已核验 1', { exact: true }).click()
  await staff.locator(`.queue-item[data-id="${created.id}"]`).click()
  await staff.locator('.staff-detail__reopen').click()
  await staff.locator('.staff-detail__header', { hasText: '待审核' }).waitFor()
  await staff.locator('.staff-detail__reject').click()
  await staff.locator('.reject-dialog__submit').click()
  await staff.locator('.reject-dialog__error', { hasText: '请填写驳回原因' }).waitFor()
  await settledScreenshot(staff, 'staff-reject-dialog')
  await staff.locator('.reject-dialog textarea').fill(REASON)
  await staff.locator('.reject-dialog__submit').click()
  await staff.locator('.staff-detail__header', { hasText: '已驳回' }).waitFor()
  await staff.locator('.staff-detail__notice--rejected', { hasText: REASON }).waitFor()
  await settledScreenshot(staff, 'staff-detail-rejected')
  await expect(staff.locator('.staff-audit__entry').count()).resolves.toBe(4) // create, verify, reopen, reject
  await staff.locator('.staff-audit__entry--reject').scrollIntoViewIfNeeded()
  await settledScreenshot(staff, 'staff-detail-audit')

  await ownerSees(user, created.id, '已驳回')
  await user.locator('.record-page__notice--danger', { hasText: REASON }).waitFor()
  const [rejected] = await ownRecords(user)
  expect(rejected).toMatchObject({ status: 'rejected', rejectReason: REASON })
}, 300000)

test('a user who is not staff is told the queue is for staff only', async () => {
  const page = await harness.newPage('dev-user')
  await page.goto(`${harness.server.url}/#/pages/staff/index`)
  await page.getByText('仅核验人员可访问').waitFor()
  await expect(page.locator('.staff-error__code').textContent()).resolves.toContain('FORBIDDEN')
  await settledScreenshot(page, 'staff-forbidden')
})
