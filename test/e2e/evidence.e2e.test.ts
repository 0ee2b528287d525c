// Evidence photos (issue 12) end to end on the real H5 build and local backend: the scanned photo is
// kept with the record by default, staff see it beside the fields, and once the record is verified
// the retention sweep (EVIDENCE_RETENTION_DAYS=0, the sweep run on demand) deletes it: the staff page
// says so and the old link serves nothing. Another user never gets the photo. A create made while the
// backend is unreachable keeps its photo in IndexedDB across a reload and sends it when it is back.
import type { Page } from 'playwright-core'
import { backendRecords, pickLicense, until } from './flows'
import { startHarness, type Harness } from './harness'

let harness: Harness
beforeAll(async () => {
  harness = await startHarness({ EVIDENCE_RETENTION_DAYS: '0' })
})
afterAll(async () => {
  await harness?.close()
})

/** Calls the records function as `openid` from the page (the dev identity header). */
function callRecords(page: Page, openid: string, event: object): Promise<{ ok: boolean; error?: { code: string }; photos?: Array<{ side: string; url: string }> }> {
  return page.evaluate(
    async ([caller, body]) => {
      const response = await fetch('/api/fn/records', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dev-openid': caller as string },
        body: JSON.stringify(body),
      })
      return response.json()
    },
    [openid, event] as const,
  )
}

/** Status of a GET of `url` from the page, sent as `openid`. */
function statusOf(page: Page, url: string, openid: string): Promise<number> {
  return page.evaluate(async ([u, caller]) => (await fetch(u, { headers: { 'x-dev-openid': caller } })).status, [url, openid] as const)
}

/**
 * Waits until `count` images under `selector` are signed evidence links (not the device's own copy,
 * which stands in while the link is asked for) and have loaded real pixels; returns their src.
 */
async function loadedImages(page: Page, selector: string, count: number): Promise<string[]> {
  await page.waitForFunction(
    ([sel, n]) => {
      const images = Array.from(document.querySelectorAll<HTMLImageElement>(`${sel} img`))
      return (
        images.length === n &&
        images.every((img) => (img.getAttribute('src') ?? '').startsWith('/api/evidence/') && img.complete && img.naturalWidth > 0)
      )
    },
    [selector, count] as const,
    { timeout: 20000 },
  )
  return page.$$eval(`${selector} img`, (images) => images.map((img) => img.getAttribute('src') ?? ''))
}

test('kept by default, shown to staff beside the fields, deleted on schedule; never shown to another user', async () => {
  const user = await harness.newPage('dev-user')
  await pickLicense(user, harness.server.url)
  await user.locator('.review-page__form').waitFor({ timeout: 90000 })
  await user.getByText('照片仅供核验使用，核验完成 30 天后自动删除').waitFor()
  await user.locator('.review-page__evidence .nut-switch:not(.nut-switch-close)').waitFor() // on by default
  await user.locator('.review-page__confirm').click()
  await user.locator('.records-page').waitFor()

  const [created] = await until(() => backendRecords(user), (list) => list.length === 1, 'the record to reach the backend')
  expect(created).toMatchObject({ hasEvidence: true })

  // The owner's record page shows the kept photo (a signed link, not the device's object URL).
  await user.goto(`${harness.server.url}/#/pages/record/index?id=${encodeURIComponent(created.id)}`)
  const [ownerSrc] = await loadedImages(user, '.record-page .evidence-photos', 1)
  expect(ownerSrc).toMatch(/^\/api\/evidence\//)

  // Staff: the photo beside the fields.
  const staff = await harness.newPage('dev-staff')
  await staff.goto(`${harness.server.url}/#/pages/staff/detail?id=${encodeURIComponent(created.id)}`)
  await staff.locator('.field-compare [data-field="owner"]').waitFor()
  const [staffSrc] = await loadedImages(staff, '.staff-detail__evidence', 1)
  expect(staffSrc).toMatch(/^\/api\/evidence\//)
  await expect(staff.locator('.staff-detail__evidence .license-photo__label').textContent()).resolves.toBe('主页')
  await harness.screenshot(staff, 'staff-detail-evidence')

  // User B: evidenceUrl is NOT_FOUND.
  const other = await harness.newPage('dev-user-2')
  await other.goto(`${harness.server.url}/#/pages/records/index`)
  await expect(callRecords(other, 'dev-user-2', { action: 'evidenceUrl', id: created.id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

  // Verified: the retention clock starts; with 0 days the next sweep deletes the photo.
  await staff.locator('.staff-detail__verify').click()
  await staff.locator('.staff-detail__header', { hasText: '已核验' }).waitFor()
  await harness.server.sweepEvidence()

  await staff.reload()
  await staff.getByText('照片已按规定删除').waitFor()
  await expect(staff.locator('.staff-detail__evidence img').count()).resolves.toBe(0)
  await harness.screenshot(staff, 'staff-detail-evidence-deleted')

  // The links handed out before are refused now, whoever asks; and no new ones come.
  expect(await statusOf(other, staffSrc, 'dev-user-2')).toBe(404)
  expect(await statusOf(user, ownerSrc, 'dev-user')).toBe(404)
  await expect(callRecords(user, 'dev-user', { action: 'evidenceUrl', id: created.id })).resolves.toMatchObject({ ok: true, photos: [] })
  await expect(callRecords(other, 'dev-user-2', { action: 'evidenceUrl', id: created.id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
}, 300000)

test('switched off: staff see 无证件照片', async () => {
  const user = await harness.newPage('dev-user-2')
  await pickLicense(user, harness.server.url)
  await user.locator('.review-page__form').waitFor({ timeout: 90000 })
  await user.locator('.review-page__evidence .nut-switch').click()
  await user.getByText('不附照片，核验人员将看到“无证件照片”').waitFor()
  await user.locator('.review-page__confirm').click()
  const [created] = await until(() => backendRecords(user, 'dev-user-2'), (list) => list.length === 1, 'the record to reach the backend')
  expect(created).toMatchObject({ hasEvidence: false })

  const staff = await harness.newPage('dev-staff')
  await staff.goto(`${harness.server.url}/#/pages/staff/detail?id=${encodeURIComponent(created.id)}`)
  await staff.locator('.field-compare [data-field="owner"]').waitFor()
  await staff.getByText('无证件照片').waitFor()
}, 300000)

test('confirmed while the backend is unreachable: the photo survives a reload (IndexedDB) and goes up with the create', async () => {
  const user = await harness.newPage('dev-staff') // a third identity with no records yet
  await pickLicense(user, harness.server.url)
  await user.locator('.review-page__form').waitFor({ timeout: 90000 })
  // The function calls fail from here on, as when the network is gone (the app itself is still served).
  await user.route('**/api/fn/**', (route) => route.abort('internetdisconnected'))
  await user.route('**/api/upload', (route) => route.abort('internetdisconnected'))
  await user.locator('.review-page__confirm').click()
  await user.locator('.records-page').waitFor()
  await user.waitForTimeout(500)
  // The store keeps its outbox under its own key (src/store/records-persistence.ts).
  const queued = await user.evaluate(() => JSON.parse(localStorage.getItem('vls-records:outbox') ?? 'null'))
  const outbox = JSON.parse(queued.data ?? JSON.stringify(queued)).outbox
  expect(outbox).toEqual([expect.objectContaining({ kind: 'create', evidence: [expect.objectContaining({ side: 'front', path: expect.stringMatching(/^idb:/) })] })])
  const copy = outbox[0].evidence[0].path as string
  const copies = () =>
    user.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const open = indexedDB.open('vls-evidence', 1)
          open.onsuccess = () => {
            const request = open.result.transaction('photos', 'readonly').objectStore('photos').getAllKeys()
            request.onsuccess = () => resolve(request.result as string[])
          }
        }),
    )
  await expect(copies()).resolves.toContain(copy)

  // Restart (a reload: the object URLs die, the IndexedDB copy does not), then the network returns.
  await user.unroute('**/api/fn/**')
  await user.unroute('**/api/upload')
  await user.reload()
  const [created] = await until(() => backendRecords(user, 'dev-staff'), (list) => list.length === 1, 'the queued create to reach the backend')
  expect(created).toMatchObject({ hasEvidence: true })
  await until(copies, (keys) => !keys.includes(copy), 'the local copy to be deleted')
  const urls = await callRecords(user, 'dev-staff', { action: 'evidenceUrl', id: created.id })
  expect(urls).toMatchObject({ ok: true, photos: [{ side: 'front' }] })
  expect(await statusOf(user, urls.photos![0].url, 'dev-staff')).toBe(200)
}, 300000)
