// Evidence photos (issue 12) on the phone: the prepared photo is copied under USER_DATA_PATH when it
// is recognized, uploaded at confirm to the evidence path the records function hands out, attached to
// the create, and the local copy deleted; staff see it (a temporary URL) beside the fields. An
// upload that fails keeps the create queued, copy and all, until the next flush sends both.
import { SAMPLE, scan, STAFF, startApp, USER_A } from './scenario'
import type { MiniProgram } from './host'

const EVIDENCE_DIR = 'wxfile://usr/evidence/'
const evidenceCopies = (app: MiniProgram) => [...app.wx.userFiles.keys()].filter((p) => p.startsWith(EVIDENCE_DIR))
const recordsCalls = (app: MiniProgram, action: string) =>
  app.wx.cloudLog.filter((e) => e.api === 'callFunction' && e.args.name === 'records' && (e.args.data as { action?: string }).action === action)
const srcOf = (app: MiniProgram, className: string) =>
  app.findAll((n) => typeof n.cl === 'string' && n.cl.includes(className)).map((n) => String(app.attr(n, 'src') ?? ''))

test('confirm uploads the photo to evidence/<openid>/, attaches it to the create, deletes the copy; staff see it beside the fields', async () => {
  const owner = await startApp({ openid: USER_A })
  await scan(owner, 'album')
  expect(owner.current.route).toBe('pages/review/index')
  expect(owner.textOf()).toContain('照片仅供核验使用，核验完成 30 天后自动删除')
  // A persistent copy of the prepared photo exists from recognition on.
  expect(evidenceCopies(owner)).toHaveLength(1)

  await owner.tap(owner.byText('确认保存'))
  expect(owner.current.route).toBe('pages/records/index')
  const [target] = recordsCalls(owner, 'evidenceTarget')
  const { cloudPath } = target.result as { cloudPath: string }
  expect(cloudPath).toMatch(new RegExp(`^evidence/${USER_A}/[0-9a-f]{24}\\.jpg$`))
  const upload = owner.wx.cloudLog.find((e) => e.api === 'uploadFile' && e.args.cloudPath === cloudPath)!
  expect(upload.args.filePath).toMatch(new RegExp(`^${EVIDENCE_DIR}`))
  const [create] = recordsCalls(owner, 'create')
  expect((create.args.data as { evidence?: unknown }).evidence).toEqual([{ fileID: upload.result, side: 'front' }])
  expect(create.result).toMatchObject({ ok: true, record: { evidence: [{ side: 'front' }] } })
  expect(owner.cloud.files()).toEqual([upload.result])
  expect(evidenceCopies(owner)).toEqual([])
  owner.assertHealthy()

  const staff = await startApp({ openid: STAFF, cloud: owner.cloud, entry: 'pages/records/index' })
  await staff.tap(staff.byClass('staff-entry'))
  await staff.tap(staff.byClass('queue-item'))
  expect(staff.current.route).toBe('pages/staff/detail')
  expect(staff.textOf(staff.byClass('staff-detail__plate'))).toBe(SAMPLE.plateNum)
  const [url] = srcOf(staff, 'license-photo__image')
  expect(url).toMatch(/^https:\/\/.+\?sign=/)
  expect(staff.textOf(staff.byClass('staff-detail__evidence'))).toContain('主页')
  expect(staff.textOf()).not.toContain('无证件照片')
  const [linkCall] = recordsCalls(staff, 'evidenceUrl')
  expect(linkCall.result).toMatchObject({ ok: true, photos: [{ side: 'front', url }] })
  staff.assertHealthy()
})

test('an evidence upload that fails keeps the create queued with its copy; once uploads work the next flush sends both', async () => {
  const owner = await startApp({ openid: USER_A })
  await scan(owner, 'album')
  // Uploads to the evidence path fail (no network for storage) until `offline` is cleared.
  const cloud = owner.wx.wx.cloud as Record<string, (options: Record<string, unknown>) => unknown>
  const upload = cloud.uploadFile
  let offline = true
  cloud.uploadFile = (options) => {
    if (!offline || !String(options.cloudPath).startsWith('evidence/')) return upload(options)
    const failure = { errMsg: 'cloud.uploadFile:fail network error', errCode: -1 }
    if (typeof options.fail === 'function') return void (options.fail as (e: unknown) => void)(failure)
    return Promise.reject(failure)
  }
  await owner.tap(owner.byText('确认保存'))
  expect(owner.current.route).toBe('pages/records/index')
  const attempts = () => owner.wx.cloudLog.filter((e) => e.api === 'callFunction' && (e.args.data as { action?: string }).action === 'evidenceTarget').length
  expect(attempts()).toBeGreaterThan(0)
  expect(recordsCalls(owner, 'create')).toEqual([])
  expect(evidenceCopies(owner)).toHaveLength(1)
  expect(owner.textOf(owner.byClass('record-item__plate'))).toBe(SAMPLE.plateNum)

  // Back from a record page: the records tab shows again and flushes; still failing, still queued.
  await owner.tap(owner.byClass('record-item__plate'))
  await owner.back()
  expect(recordsCalls(owner, 'create')).toEqual([])
  expect(evidenceCopies(owner)).toHaveLength(1)

  offline = false
  await owner.tap(owner.byClass('record-item__plate'))
  await owner.back()
  const [create] = recordsCalls(owner, 'create')
  expect(create.result).toMatchObject({ ok: true, record: { license: { plateNum: SAMPLE.plateNum }, evidence: [{ side: 'front' }] } })
  expect(evidenceCopies(owner)).toEqual([])
  owner.assertHealthy()
})
