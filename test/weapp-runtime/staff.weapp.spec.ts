// Staff on the phone: the queue entry appears for a staff openid only (STAFF_OPENIDS or the `staff`
// collection, decided by the records function), a record is verified, and verified records are
// exported as CSV through the file system, 发送到聊天 (shareFileMessage) and 复制内容 (clipboard).
import { USER_A, SAMPLE, scan, STAFF, startApp } from './scenario'
import type { FakeCloud } from './cloud'
import type { MiniProgram } from './host'

const STAFF_BY_COLLECTION = 'oStaffDb_0123456789abcdefghi'

/** User A scans and confirms one license; returns the shared cloud. */
async function ownerConfirmsOneRecord(): Promise<FakeCloud> {
  const owner = await startApp({ openid: USER_A })
  await scan(owner, 'album')
  await owner.tap(owner.byText('确认保存'))
  expect(owner.textOf(owner.byClass('record-item__plate'))).toBe(SAMPLE.plateNum)
  owner.assertHealthy()
  return owner.cloud
}

async function openQueue(staff: MiniProgram) {
  const entry = staff.byClass('staff-entry')
  expect(staff.textOf(entry)).toContain('待审核 1 条')
  await staff.tap(entry)
  expect(staff.current.route).toBe('pages/staff/index')
}

test.each([
  ['STAFF_OPENIDS', undefined],
  ['the staff collection', STAFF_BY_COLLECTION],
])('staff (%s) opens the queue and verifies a record', async (_how, openid) => {
  const cloud = await ownerConfirmsOneRecord()
  if (openid) {
    await cloud.env.db.createCollection('staff')
    await cloud.env.db.collection('staff').add({ data: { openid } })
  }
  const staff = await startApp({ openid: openid ?? STAFF, cloud, entry: 'pages/records/index' })
  await openQueue(staff)
  expect(staff.textOf(staff.byClass('queue-item__plate'))).toBe(SAMPLE.plateNum)

  await staff.tap(staff.byClass('queue-item'))
  expect(staff.current.route).toBe('pages/staff/detail')
  expect(staff.textOf(staff.byClass('staff-detail__plate'))).toBe(SAMPLE.plateNum)
  await staff.tap(staff.byClass('staff-detail__verify'))

  const verify = staff.wx.cloudLog.find((e) => e.api === 'callFunction' && (e.args.data as { action?: string }).action === 'verify')
  expect(verify?.result).toMatchObject({ ok: true, record: { status: 'verified' } })
  const stored = await cloud.env.db.collection('records').where({ status: 'verified' }).get()
  expect(stored.data).toHaveLength(1)
  staff.assertHealthy()
})

test('a user who is not staff sees no queue entry, and the queue page refuses them', async () => {
  const cloud = await ownerConfirmsOneRecord()
  const user = await startApp({ openid: 'oUser_B_0123456789abcdefghij', cloud, entry: 'pages/records/index' })
  expect(user.findAll((n) => typeof n.cl === 'string' && n.cl.includes('staff-entry'))).toEqual([])
  const queue = await startApp({ openid: 'oUser_B_0123456789abcdefghij', cloud, entry: 'pages/staff/index' })
  expect(queue.textOf()).not.toContain(SAMPLE.plateNum)
  expect(queue.textOf()).toMatch(/核验人员|权限|无权/)
  user.assertHealthy()
  queue.assertHealthy()
})

test('CSV export on weapp: written under USER_DATA_PATH, sent to a chat, copied', async () => {
  const cloud = await ownerConfirmsOneRecord()
  const staff = await startApp({ openid: STAFF, cloud, entry: 'pages/records/index' })
  await openQueue(staff)
  await staff.tap(staff.byClass('queue-item'))
  await staff.tap(staff.byClass('staff-detail__verify'))
  // Back to the queue, as the user does with the navigation bar's back button.
  if (staff.current.route === 'pages/staff/detail') await staff.back()
  expect(staff.current.route).toBe('pages/staff/index')

  await staff.tap(staff.byText('导出 CSV'))
  const files = [...staff.wx.userFiles.entries()]
  expect(files).toHaveLength(1)
  const [filePath, bytes] = files[0]
  expect(filePath).toMatch(/^wxfile:\/\/usr\/.+\.csv$/)
  const csv = bytes.toString('utf8')
  expect(csv).toContain(SAMPLE.plateNum)
  expect(csv).toContain(SAMPLE.vin)
  expect(staff.textOf()).toContain('已保存')

  await staff.tap(staff.byText('发送到聊天'))
  expect(staff.wx.ui.shared).toEqual([{ filePath, fileName: filePath.split('/').pop() }])
  await staff.tap(staff.byText('复制内容'))
  expect(staff.wx.ui.clipboard).toContain(SAMPLE.plateNum)
  expect(staff.wx.ui.clipboard!.startsWith('\uFEFF')).toBe(false)
  expect(staff.wx.ui.toasts).toEqual(expect.arrayContaining(['已发送', '已复制']))
  staff.assertHealthy()
})

test('the records tab costs one cloud call per show: the list, which also tells the staff entry; a show again soon after costs none', async () => {
  const cloud = await ownerConfirmsOneRecord()
  const staff = await startApp({ openid: STAFF, cloud, entry: 'pages/records/index' })
  const calls = () => staff.wx.cloudLog.filter((e) => e.api === 'callFunction').map((e) => (e.args.data as { action?: string }).action)
  expect(calls()).toEqual(['list'])
  expect(staff.textOf(staff.byClass('staff-entry'))).toContain('待审核 1 条')

  // The user taps the scan tab and comes back (the tab bar routes through switchTab).
  const switchTab = (url: string) => (staff.wx.wx.switchTab as (options: { url: string }) => void)({ url })
  switchTab('/pages/scan/index')
  await staff.settle()
  expect(staff.current.route).toBe('pages/scan/index')
  switchTab('/pages/records/index')
  await staff.settle()
  expect(staff.current.route).toBe('pages/records/index')
  expect(calls()).toEqual(['list'])
  expect(staff.textOf(staff.byClass('staff-entry'))).toContain('待审核 1 条')
  staff.assertHealthy()
})
