// The weapp wiring of `records` (functions/records/cloud-entry.ts) on the fake CloudBase database:
// platform fields in the event, OPENID from the context, staff from the collection or STAFF_OPENIDS.
import { emptyLicense } from '../../src/domain/license'
import { appError } from '../../src/domain/errors'
import { createCloudIsStaff, createMain, stripPlatformFields, type WxRecordsCloud } from '../../functions/records/cloud-entry'
import { createFakeCloudDb, type FakeCloudDb } from '../fakes/cloudbase-db'

const license = { ...emptyLicense(), plateNum: '粤B12345', owner: '张三', vin: 'LSVNV2183E2100108' }

function fakeCloud(db: FakeCloudDb) {
  const cloud = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    openid: '',
    initOptions: undefined as unknown,
    init(options: { env: unknown }) {
      cloud.initOptions = options
    },
    getWXContext: () => ({ OPENID: cloud.openid, APPID: 'wx-test' }),
    database: () => db,
  }
  return cloud satisfies WxRecordsCloud
}

describe('records on WeChat cloud', () => {
  it('initialises on the current env and serves calls as the WeChat caller', async () => {
    const db = createFakeCloudDb({ collections: ['records', 'audit', 'staff'] })
    const cloud = fakeCloud(db)
    const main = createMain(cloud, {})
    expect(cloud.initOptions).toEqual({ env: cloud.DYNAMIC_CURRENT_ENV })

    cloud.openid = 'o-user-a'
    // Calls from the mini program arrive with the platform's userInfo added to the payload.
    const created = await main({ action: 'create', license, userInfo: { appId: 'wx-test', openId: 'o-user-a' } })
    expect(created).toMatchObject({ ok: true, record: { ownerOpenid: 'o-user-a', status: 'pending', version: 1 } })
    expect(db.dump('records')).toHaveLength(1)
    expect(db.dump('audit')).toMatchObject([{ actor: 'o-user-a', action: 'create' }])

    // A forged userInfo does not change who the caller is.
    cloud.openid = 'o-user-b'
    const list = await main({ action: 'list', userInfo: { appId: 'wx-test', openId: 'o-user-a' } })
    expect(list).toEqual({ ok: true, records: [], nextOffset: null, viewer: { staff: false } })

    cloud.openid = ''
    expect(await main({ action: 'list' })).toEqual({ ok: false, error: appError('UNAUTHORIZED') })
  })

  it('grants staff from the staff collection or STAFF_OPENIDS, and nobody else', async () => {
    const db = createFakeCloudDb({ collections: ['records', 'audit', 'staff'] })
    await db.collection('staff').add({ data: { openid: 'o-staff-db' } })
    const cloud = fakeCloud(db)
    const main = createMain(cloud, { STAFF_OPENIDS: ' o-staff-env , o-other ' })

    cloud.openid = 'o-user-a'
    const { record } = (await main({ action: 'create', license })) as { record: { id: string } }
    expect(await main({ action: 'verify', id: record.id, version: 1 })).toEqual({ ok: false, error: appError('FORBIDDEN') })

    cloud.openid = 'o-staff-db'
    expect(await main({ action: 'verify', id: record.id, version: 1 })).toMatchObject({ ok: true, record: { status: 'verified' } })
    cloud.openid = 'o-staff-env'
    expect(await main({ action: 'reopen', id: record.id })).toMatchObject({ ok: true, record: { status: 'pending' } })
  })

  it('works in a fresh environment: the first call creates the collections it needs', async () => {
    const db = createFakeCloudDb()
    const cloud = fakeCloud(db)
    const main = createMain(cloud, {})
    cloud.openid = 'o-user-a'
    expect(await main({ action: 'list' })).toEqual({ ok: true, records: [], nextOffset: null, viewer: { staff: false } })
    expect(await main({ action: 'create', license })).toMatchObject({ ok: true })
    expect([...db.collectionNames()].sort()).toEqual(['audit', 'record_keys', 'records'])
    // No staff collection yet: staff actions are refused, not failed.
    expect(await main({ action: 'staffQueue' })).toEqual({ ok: false, error: appError('FORBIDDEN') })
  })

  it("logs an unexpected failure with the SCF request id", async () => {
    const db = createFakeCloudDb({ collections: ['records', 'audit', 'record_keys'], failOn: (request) => request.kind === 'get' })
    const cloud = fakeCloud(db)
    const main = createMain(cloud, {})
    cloud.openid = 'o-user-a'
    const errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      expect(await main({ action: 'list' }, { request_id: 'scf-req-42' })).toEqual({ ok: false, error: appError('INTERNAL') })
      expect(JSON.parse(String(errorLog.mock.calls[0][0]))).toMatchObject({ fn: 'records', requestId: 'scf-req-42', action: 'list' })
    } finally {
      errorLog.mockRestore()
    }
  })

  it('treats a missing staff collection as no staff, not as a failure', async () => {
    const db = createFakeCloudDb({ collections: ['records', 'audit'] })
    const isStaff = createCloudIsStaff(db, 'o-env')
    await expect(isStaff('o-someone')).resolves.toBe(false)
    await expect(isStaff('o-env')).resolves.toBe(true)
  })

  it('strips only the platform fields from the event', () => {
    expect(stripPlatformFields({ action: 'get', id: 'x', userInfo: {}, tcbContext: {} })).toEqual({ action: 'get', id: 'x' })
    expect(stripPlatformFields(null)).toBeNull()
    expect(stripPlatformFields(['a'])).toEqual(['a'])
  })
})
