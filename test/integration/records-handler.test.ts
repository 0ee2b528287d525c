// The `records` function end to end on the real SQLite store (a file in a temp dir).
import { APP_ERROR_MESSAGES, appError } from '../../src/domain/errors'
import { emptyLicense, type VehicleLicense } from '../../src/domain/license'
import { createRecordsHandler, type RecordsHandler } from '../../functions/records/handler'
import type { LicenseRecord } from '../../src/contract/records'
import type { RecordsPayloads } from '../../src/contract/records-responses'
import type { RecordsAction } from '../../src/contract/records-events'
import type { RecordRepo } from '../../functions/shared/repo/record-repo'
import { createLocalIsStaff, type SqliteRecordRepo } from '../../server/records'
import { useTempSqliteRepo } from './temp-sqlite-repo'

const USER_A = 'dev-user'
const USER_B = 'dev-user-2'
const STAFF = 'dev-staff'

const VIN_1 = 'LSVNV2183E2100108'
const VIN_2 = 'LSGPC52U6AF102554'

function license(overrides: Partial<VehicleLicense> = {}): VehicleLicense {
  return {
    ...emptyLicense(),
    plateNum: '粤B12345',
    vehicleType: '小型普通客车',
    owner: '张三',
    addr: '广东省深圳市南山区科苑路15号',
    useCharacter: '非营运',
    model: '大众汽车牌SVW71810KJ',
    vin: VIN_1,
    engineNum: 'CSS123456',
    registerDate: '2018-07-06',
    issueDate: '2020-03-15',
    record: '441900123456',
    passengersNum: 5,
    totalQuality: 1880,
    prepareQuality: 1455,
    overallSize: '4765×1820×1475mm',
    ...overrides,
  }
}

let repo: SqliteRecordRepo
let clock: Date
let idCount: number
let handler: RecordsHandler

useTempSqliteRepo('records-handler-', (opened) => (repo = opened))

beforeEach(() => {
  clock = new Date('2024-05-20T02:00:00.000Z')
  idCount = 0
  handler = createRecordsHandler({
    repo,
    isStaff: createLocalIsStaff([STAFF]),
    now: () => clock,
    newId: () => `id${String(++idCount).padStart(4, '0')}`,
  })
})

/** Moves the clock on and returns the new time as stored. */
const advance = (minutes: number): string => {
  clock = new Date(clock.getTime() + minutes * 60_000)
  return clock.toISOString()
}

const call = (openid: string, event: unknown) => handler(event, { openid })

/** Calls an action that must succeed and returns its payload. */
async function must<A extends RecordsAction>(openid: string, event: { action: A } & Record<string, unknown>): Promise<{ ok: true } & RecordsPayloads[A]> {
  const result = await call(openid, event)
  if (!result.ok) throw new Error(`${event.action} failed: ${JSON.stringify(result.error)}`)
  return result as unknown as { ok: true } & RecordsPayloads[A]
}

const create = async (openid: string, overrides: Partial<VehicleLicense> = {}): Promise<LicenseRecord> =>
  (await must(openid, { action: 'create', license: license(overrides) })).record

const NOT_FOUND = { ok: false, error: appError('NOT_FOUND') }
const FORBIDDEN = { ok: false, error: appError('FORBIDDEN') }

describe('owner CRUD', () => {
  it('creates, reads, lists, updates, searches and removes a record', async () => {
    const recognized = license({ vin: 'LSVNV2183E21OO108' })
    const created = await must(USER_A, { action: 'create', license: license(), recognized })
    const expected: LicenseRecord = {
      id: 'id0001',
      ownerOpenid: USER_A,
      license: license(),
      recognized,
      status: 'pending',
      version: 1,
      createdAt: '2024-05-20T02:00:00.000Z',
      updatedAt: '2024-05-20T02:00:00.000Z',
    }
    expect(created).toEqual({ ok: true, record: expected })
    expect(await call(USER_A, { action: 'get', id: 'id0001' })).toEqual({ ok: true, record: expected })
    expect(await call(USER_A, { action: 'list' })).toEqual({ ok: true, records: [{ ...expected, hasEvidence: false }], nextOffset: null, viewer: { staff: false } })

    const at = advance(5)
    const updated = await call(USER_A, { action: 'update', id: 'id0001', version: 1, license: license({ plateNum: '粤B54321' }) })
    const afterUpdate = { ...expected, license: license({ plateNum: '粤B54321' }), version: 2, updatedAt: at }
    expect(updated).toEqual({ ok: true, record: afterUpdate })
    expect(await call(USER_A, { action: 'get', id: 'id0001' })).toEqual({ ok: true, record: afterUpdate })

    expect(await call(USER_A, { action: 'search', query: ' b5432 ' })).toEqual({ ok: true, records: [{ ...afterUpdate, hasEvidence: false }] })
    expect(await call(USER_A, { action: 'search', query: '张三' })).toEqual({ ok: true, records: [{ ...afterUpdate, hasEvidence: false }] })
    expect(await call(USER_A, { action: 'search', query: 'B12345' })).toEqual({ ok: true, records: [] })

    expect(await call(USER_A, { action: 'remove', id: 'id0001', version: 2 })).toEqual({ ok: true, id: 'id0001' })
    expect(await call(USER_A, { action: 'get', id: 'id0001' })).toEqual(NOT_FOUND)
    expect(await call(USER_A, { action: 'list' })).toEqual({ ok: true, records: [], nextOffset: null, viewer: { staff: false } })
    expect(await call(USER_A, { action: 'remove', id: 'id0001' })).toEqual(NOT_FOUND)
  })

  it('stores recognized as null when the client sends none', async () => {
    expect((await create(USER_A)).recognized).toBeNull()
  })

  it('lists newest first, in pages', async () => {
    await create(USER_A, { vin: '' })
    advance(1)
    await create(USER_A, { vin: '' })
    advance(1)
    await create(USER_A, { vin: '' })
    const first = await must(USER_A, { action: 'list', limit: 2 })
    expect([first.records.map((r) => r.id), first.nextOffset]).toEqual([['id0005', 'id0003'], 2])
    const second = await must(USER_A, { action: 'list', limit: 2, offset: 2 })
    expect([second.records.map((r) => r.id), second.nextOffset]).toEqual([['id0001'], null])
  })

  it('accepts the client store page size of 100', async () => {
    await create(USER_A)
    expect((await must(USER_A, { action: 'list', limit: 100, offset: 0 })).records).toHaveLength(1)
    expect(await call(USER_A, { action: 'list', limit: 101 })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', 'limit：limit 最多为 100'),
    })
  })

  it('saving unchanged values changes nothing', async () => {
    const record = await create(USER_A)
    advance(1)
    expect(await call(USER_A, { action: 'update', id: record.id, version: 1, license: license() })).toEqual({ ok: true, record })
    expect((await repo.listAudit(record.id)).map((e) => e.action)).toEqual(['create'])
  })
})

describe('idempotent create (clientId)', () => {
  it('answers a retried create with the first record and writes it once', async () => {
    const first = await must(USER_A, { action: 'create', license: license(), clientId: 'c0ffee-1' })
    advance(1)
    const retry = await must(USER_A, { action: 'create', license: license(), clientId: 'c0ffee-1' })
    expect(retry.record).toEqual(first.record)
    expect(first.record.id).toMatch(/^[0-9a-f]{32}$/)
    expect((await must(USER_A, { action: 'list' })).records).toHaveLength(1)
    expect((await repo.listAudit(first.record.id)).map((e) => e.action)).toEqual(['create'])
  })

  it("gives another user's same clientId its own record", async () => {
    const a = await must(USER_A, { action: 'create', license: license(), clientId: 'same-key' })
    const b = await must(USER_B, { action: 'create', license: license(), clientId: 'same-key' })
    expect(b.record.id).not.toBe(a.record.id)
    expect(b.record.ownerOpenid).toBe(USER_B)
  })
})

describe('duplicate VIN', () => {
  it('offers the existing record instead of creating a second one', async () => {
    const existing = await create(USER_A)
    const result = await call(USER_A, { action: 'create', license: license({ plateNum: '粤B99999' }) })
    expect(result).toEqual({
      ok: false,
      error: { code: 'DUPLICATE_VIN', message: '该车辆识别代号已有记录，是否更新已有记录？', existingId: existing.id },
      existingId: existing.id,
    })
    expect((await must(USER_A, { action: 'list' })).records).toHaveLength(1)
  })

  it('is per owner, ignores empty VINs, and also guards updates', async () => {
    await create(USER_A)
    expect((await call(USER_B, { action: 'create', license: license() })).ok).toBe(true)
    await create(USER_A, { vin: '' })
    await create(USER_A, { vin: '' })
    const second = await create(USER_A, { vin: VIN_2 })
    const result = await call(USER_A, { action: 'update', id: second.id, version: 1, license: license({ vin: VIN_1 }) })
    expect(result).toMatchObject({ ok: false, error: { code: 'DUPLICATE_VIN' }, existingId: 'id0001' })
  })
})

describe('version conflicts', () => {
  it('refuses a stale update and returns the current record', async () => {
    const record = await create(USER_A)
    advance(1)
    const current = (await must(USER_A, { action: 'update', id: record.id, version: 1, license: license({ owner: '李四' }) })).record
    const stale = await call(USER_A, { action: 'update', id: record.id, version: 1, license: license({ owner: '王五' }) })
    expect(stale).toEqual({
      ok: false,
      error: { code: 'VERSION_CONFLICT', message: APP_ERROR_MESSAGES.VERSION_CONFLICT, current },
      current,
    })
    expect((await must(USER_A, { action: 'get', id: record.id })).record.license.owner).toBe('李四')
  })

  it('refuses a stale remove', async () => {
    const record = await create(USER_A)
    await must(USER_A, { action: 'update', id: record.id, version: 1, license: license({ owner: '李四' }) })
    expect(await call(USER_A, { action: 'remove', id: record.id, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VERSION_CONFLICT' },
      current: { id: record.id, version: 2 },
    })
    expect((await call(USER_A, { action: 'get', id: record.id })).ok).toBe(true)
  })

  it('reports a conflict when another write lands between the read and the write', async () => {
    const record = await create(USER_A)
    // A second writer commits right after this call has read the record.
    const racing: RecordRepo = {
      ...repo,
      get: async (id) => {
        const read = await repo.get(id)
        if (read) {
          const next = { ...read, license: license({ owner: '并发' }), version: read.version + 1 }
          const audit = { id: `racer${read.version}`, recordId: id, actor: USER_A, action: 'update' as const, at: clock.toISOString(), previousStatus: read.status, nextStatus: read.status }
          await repo.update(next, read.version, audit)
        }
        return read
      },
    }
    const raced = createRecordsHandler({ repo: racing, isStaff: async () => false, now: () => clock, newId: () => 'x1' })
    const result = await raced({ action: 'update', id: record.id, version: 1, license: license({ owner: '李四' }) }, { openid: USER_A })
    expect(result).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' }, current: { version: 2, license: { owner: '并发' } } })
  })
})

describe('isolation between users', () => {
  it("never lets B read, change, remove or find A's record, and answers as if it did not exist", async () => {
    const record = await create(USER_A)
    const missing = await call(USER_B, { action: 'get', id: 'doesNotExist' })
    expect(missing).toEqual(NOT_FOUND)
    expect(await call(USER_B, { action: 'get', id: record.id })).toEqual(missing)
    expect(await call(USER_B, { action: 'update', id: record.id, version: 1, license: license({ owner: 'B' }) })).toEqual(NOT_FOUND)
    // A wrong version must not reveal the real one either.
    expect(await call(USER_B, { action: 'update', id: record.id, version: 9, license: license({ owner: 'B' }) })).toEqual(NOT_FOUND)
    expect(await call(USER_B, { action: 'remove', id: record.id, version: 1 })).toEqual(NOT_FOUND)
    expect(await call(USER_B, { action: 'remove', id: record.id })).toEqual(NOT_FOUND)
    expect(await call(USER_B, { action: 'search', query: '粤B12345' })).toEqual({ ok: true, records: [] })
    expect(await call(USER_B, { action: 'search', query: VIN_1 })).toEqual({ ok: true, records: [] })
    expect(await call(USER_B, { action: 'list' })).toEqual({ ok: true, records: [], nextOffset: null, viewer: { staff: false } })
    expect(await call(USER_A, { action: 'get', id: record.id })).toEqual({ ok: true, record })
    expect((await repo.listAudit(record.id)).map((e) => e.actor)).toEqual([USER_A])
  })

  it('takes the owner from the call context, never from the event', async () => {
    expect(await call(USER_B, { action: 'create', license: license(), ownerOpenid: USER_A })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await call('', { action: 'list' })).toEqual({ ok: false, error: appError('UNAUTHORIZED') })
  })
})

describe('staff role', () => {
  const staffEvents = (id: string) => [
    { action: 'staffQueue' },
    { action: 'staffGet', id },
    { action: 'verify', id, version: 1 },
    { action: 'reject', id, version: 1, reason: '照片模糊' },
    { action: 'reopen', id },
    { action: 'exportCsv', from: '2024-05-01', to: '2024-05-31' },
  ]

  it('rejects every staff action for non-staff, even the owner, and changes nothing', async () => {
    const record = await create(USER_A)
    for (const event of staffEvents(record.id)) {
      expect([event.action, await call(USER_A, event)]).toEqual([event.action, FORBIDDEN])
      expect([event.action, await call(USER_B, event)]).toEqual([event.action, FORBIDDEN])
    }
    // Invalid payloads too: the role is checked first.
    expect(await call(USER_A, { action: 'verify', id: { $ne: '' } })).toEqual(FORBIDDEN)
    expect(await call(USER_A, { action: 'get', id: record.id })).toEqual({ ok: true, record })
    expect((await repo.listAudit(record.id)).map((e) => e.action)).toEqual(['create'])
  })

  it("tells the viewer with the first list page: staff with everyone's pending count, the others not", async () => {
    await create(USER_A)
    await create(USER_B, { plateNum: '粤B99999', vin: 'LSVAM4187C2199999' })
    expect(await call(STAFF, { action: 'list' })).toEqual({ ok: true, records: [], nextOffset: null, viewer: { staff: true, pending: 2 } })
    expect(await call(USER_A, { action: 'list' })).toMatchObject({ viewer: { staff: false } })
    // Later pages belong to the same pull: no viewer, no role check.
    const later = await call(STAFF, { action: 'list', offset: 20 })
    expect(later).toEqual({ ok: true, records: [], nextOffset: null })
  })

  it('lets staff run each of them', async () => {
    const record = await create(USER_A)
    expect((await call(STAFF, { action: 'staffQueue' })).ok).toBe(true)
    expect((await call(STAFF, { action: 'staffGet', id: record.id })).ok).toBe(true)
    expect((await call(STAFF, { action: 'verify', id: record.id, version: 1 })).ok).toBe(true)
    expect((await call(STAFF, { action: 'reopen', id: record.id })).ok).toBe(true)
    expect((await call(STAFF, { action: 'reject', id: record.id, version: 3, reason: '照片模糊' })).ok).toBe(true)
    expect((await call(STAFF, { action: 'exportCsv', from: '2024-05-01', to: '2024-05-31' })).ok).toBe(true)
  })
})

describe('staff review', () => {
  it('queues pending records oldest first with counts, filtered by China day and plate prefix', async () => {
    const early = await create(USER_A, { plateNum: '粤B11111', vin: '' }) // 2024-05-20 10:00 China
    advance(60 * 14) // 2024-05-20T16:00Z = 2024-05-21 00:00 China
    const late = await create(USER_B, { plateNum: '京A22222', vin: '' })
    advance(1)
    const other = await create(USER_A, { plateNum: '粤B33333', vin: '' })
    await must(STAFF, { action: 'verify', id: other.id, version: 1 })

    expect(await call(STAFF, { action: 'staffQueue', status: 'pending' })).toEqual({
      ok: true,
      records: [early, late].map((record) => ({ ...record, hasEvidence: false })),
      nextOffset: null,
      counts: { pending: 2, verified: 1, rejected: 0 },
    })
    const may21 = await must(STAFF, { action: 'staffQueue', from: '2024-05-21', to: '2024-05-21' })
    expect(may21.records.map((r) => r.id)).toEqual([late.id, other.id])
    expect(may21.counts).toEqual({ pending: 1, verified: 1, rejected: 0 })
    const may20 = await must(STAFF, { action: 'staffQueue', status: 'pending', to: '2024-05-20' })
    expect(may20.records.map((r) => r.id)).toEqual([early.id])
    const guangdong = await must(STAFF, { action: 'staffQueue', platePrefix: '粤b', limit: 1 })
    expect([guangdong.records.map((r) => r.id), guangdong.nextOffset, guangdong.counts]).toEqual([
      [early.id],
      1,
      { pending: 1, verified: 1, rejected: 0 },
    ])
  })

  it('shows staff the record with its checks and audit trail', async () => {
    const record = await create(USER_A, { vin: 'LSVNV2183E2100109' })
    const detail = await must(STAFF, { action: 'staffGet', id: record.id })
    expect(detail.record).toEqual(record)
    expect(detail.issues.map((i) => [i.field, i.code])).toEqual([['vin', 'VIN_CHECK_DIGIT']])
    expect(detail.audit).toEqual([
      { id: 'id0002', recordId: record.id, actor: USER_A, action: 'create', at: record.createdAt, previousStatus: null, nextStatus: 'pending' },
    ])
    expect(await call(STAFF, { action: 'staffGet', id: 'missing' })).toEqual(NOT_FOUND)
  })

  it('verifies, rejects with a reason and reopens, enforcing versions and states', async () => {
    const record = await create(USER_A)
    const atVerify = advance(1)
    const verified = await call(STAFF, { action: 'verify', id: record.id, version: 1 })
    expect(verified).toEqual({ ok: true, record: { ...record, status: 'verified', version: 2, updatedAt: atVerify } })
    expect(await call(STAFF, { action: 'verify', id: record.id, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VERSION_CONFLICT' },
      current: { status: 'verified', version: 2 },
    })
    expect(await call(STAFF, { action: 'reject', id: record.id, version: 2, reason: '照片模糊' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: '记录当前状态为「已核验」，不能驳回' },
      current: { status: 'verified' },
    })

    const atReopen = advance(1)
    expect(await call(STAFF, { action: 'reopen', id: record.id })).toEqual({
      ok: true,
      record: { ...record, status: 'pending', version: 3, updatedAt: atReopen },
    })
    expect(await call(STAFF, { action: 'reopen', id: record.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', message: '记录当前状态为「待审核」，不能重新打开' },
    })

    expect(await call(STAFF, { action: 'reject', id: record.id, version: 3 })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', 'reason：缺少必填字段'),
    })
    expect(await call(STAFF, { action: 'reject', id: record.id, version: 3, reason: '   ' })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', 'reason：请填写驳回原因'),
    })
    expect(await call(STAFF, { action: 'reject', id: record.id, version: 3, reason: '因'.repeat(201) })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', 'reason：驳回原因不能超过 200 个字符'),
    })
    const atReject = advance(1)
    const rejected = await call(STAFF, { action: 'reject', id: record.id, version: 3, reason: ' 号牌与照片不符 ' })
    expect(rejected).toEqual({
      ok: true,
      record: { ...record, status: 'rejected', rejectReason: '号牌与照片不符', version: 4, updatedAt: atReject },
    })
    expect((await must(USER_A, { action: 'get', id: record.id })).record.rejectReason).toBe('号牌与照片不符')
    expect((await call(STAFF, { action: 'reject', id: record.id, version: 4, reason: '因'.repeat(200) })).ok).toBe(false)
    expect(await call(STAFF, { action: 'verify', id: 'missing', version: 1 })).toEqual(NOT_FOUND)
  })

  it("sends a verified or rejected record back to review when its owner edits it", async () => {
    const record = await create(USER_A)
    await must(STAFF, { action: 'verify', id: record.id, version: 1 })
    const edited = await must(USER_A, { action: 'update', id: record.id, version: 2, license: license({ addr: '新地址' }) })
    expect([edited.record.status, edited.record.version]).toEqual(['pending', 3])

    await must(STAFF, { action: 'reject', id: record.id, version: 3, reason: '地址不符' })
    const fixed = await must(USER_A, { action: 'update', id: record.id, version: 4, license: license({ addr: '正确地址' }) })
    expect(fixed.record.status).toBe('pending')
    expect(fixed.record).not.toHaveProperty('rejectReason')
    expect((await must(USER_A, { action: 'get', id: record.id })).record).not.toHaveProperty('rejectReason')
  })

  it('writes an audit entry for every change: who, when, what, previous and next status', async () => {
    const record = await create(USER_A)
    const t1 = advance(1)
    await must(USER_A, { action: 'update', id: record.id, version: 1, license: license({ owner: '李四', passengersNum: 7 }) })
    const t2 = advance(1)
    await must(STAFF, { action: 'reject', id: record.id, version: 2, reason: '照片模糊' })
    const t3 = advance(1)
    await must(STAFF, { action: 'reopen', id: record.id })
    const t4 = advance(1)
    await must(STAFF, { action: 'verify', id: record.id, version: 4 })
    const t5 = advance(1)
    await must(USER_A, { action: 'remove', id: record.id })

    const base = { recordId: record.id }
    expect(await repo.listAudit(record.id)).toEqual([
      { ...base, id: 'id0002', actor: USER_A, action: 'create', at: record.createdAt, previousStatus: null, nextStatus: 'pending' },
      { ...base, id: 'id0003', actor: USER_A, action: 'update', at: t1, previousStatus: 'pending', nextStatus: 'pending', fields: ['owner', 'passengersNum'] },
      { ...base, id: 'id0004', actor: STAFF, action: 'reject', at: t2, previousStatus: 'pending', nextStatus: 'rejected', reason: '照片模糊' },
      { ...base, id: 'id0005', actor: STAFF, action: 'reopen', at: t3, previousStatus: 'rejected', nextStatus: 'pending' },
      { ...base, id: 'id0006', actor: STAFF, action: 'verify', at: t4, previousStatus: 'pending', nextStatus: 'verified' },
      { ...base, id: 'id0007', actor: USER_A, action: 'remove', at: t5, previousStatus: 'verified', nextStatus: null },
    ])
  })
})

describe('CSV export', () => {
  it('exports verified records of the China-day range as UTF-8 CSV with BOM, Chinese headers and quoting', async () => {
    const plain = await create(USER_A)
    const tricky = await create(USER_B, {
      owner: '深圳市"快运",物流\n有限公司',
      addr: '=HYPERLINK("http://evil")',
      model: '大众\r\n2.0T',
      passengersNum: null,
      overallSize: '',
    })
    await create(USER_A, { vin: VIN_2 }) // stays pending
    advance(1) // 2024-05-20T02:01Z = 10:01 China
    await must(STAFF, { action: 'verify', id: plain.id, version: 1 })
    await must(STAFF, { action: 'verify', id: tricky.id, version: 1 })
    advance(60 * 24) // the next China day
    const nextDay = await create(USER_B, { vin: VIN_2 })
    await must(STAFF, { action: 'verify', id: nextDay.id, version: 1 })

    const result = await must(STAFF, { action: 'exportCsv', from: '2024-05-20', to: '2024-05-20' })
    expect([result.count, result.truncated, result.filename]).toEqual([2, false, '行驶证核验记录_2024-05-20_2024-05-20.csv'])
    expect(result.csv).toBe(
      '\uFEFF' +
        '记录ID,号牌号码,车辆类型,所有人,住址,使用性质,品牌型号,车辆识别代号,发动机号码,注册日期,发证日期,档案编号,核定载人数,总质量(kg),整备质量(kg),外廓尺寸,核验时间\r\n' +
        `${plain.id},粤B12345,小型普通客车,张三,广东省深圳市南山区科苑路15号,非营运,大众汽车牌SVW71810KJ,${VIN_1},CSS123456,2018-07-06,2020-03-15,441900123456,5,1880,1455,4765×1820×1475mm,2024-05-20 10:01:00\r\n` +
        `${tricky.id},粤B12345,小型普通客车,"深圳市""快运"",物流\n有限公司","'=HYPERLINK(""http://evil"")",非营运,"大众\r\n2.0T",${VIN_1},CSS123456,2018-07-06,2020-03-15,441900123456,,1880,1455,,2024-05-20 10:01:00\r\n`,
    )
    const twoDays = await must(STAFF, { action: 'exportCsv', from: '2024-05-20', to: '2024-05-21' })
    expect(twoDays.count).toBe(3)
  })

  it('exports only a header when nothing was verified, and checks the range', async () => {
    const empty = await must(STAFF, { action: 'exportCsv', from: '2024-01-01', to: '2024-01-31' })
    expect(empty.csv.split('\r\n')).toHaveLength(2)
    expect(empty.count).toBe(0)
    expect(await call(STAFF, { action: 'exportCsv', from: '2024-02-01', to: '2024-01-31' })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', '开始日期不能晚于结束日期'),
    })
    expect(await call(STAFF, { action: 'exportCsv', from: '2023-01-01', to: '2024-01-31' })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', '导出范围不能超过 366 天'),
    })
    expect(await call(STAFF, { action: 'exportCsv', from: '2024-02-30', to: '2024-03-01' })).toEqual({
      ok: false,
      error: appError('INVALID_INPUT', 'from：日期格式应为 yyyy-mm-dd'),
    })
  })
})

describe('event schema', () => {
  it.each<[string, unknown, string]>([
    ['an unknown top-level field', { action: 'list', admin: true }, 'admin：不允许的字段'],
    ['an unknown license field', { action: 'create', license: { ...license(), color: '红' } }, 'license.color：不允许的字段'],
    ['an undefined license field', { action: 'create', license: { ...license(), vin: undefined } }, 'license.vin：必须是字符串'],
    ['a missing license field', { action: 'create', license: (({ vin: _vin, ...rest }) => rest)(license()) }, 'license.vin：缺少必填字段'],
    ['a missing id', { action: 'get' }, 'id：缺少必填字段'],
    ['an operator object as id', { action: 'get', id: { $ne: '' } }, 'id：记录 ID 必须是字符串'],
    ['an operator string as id', { action: 'get', id: '$where' }, 'id：记录 ID 格式无效'],
    ['a path as id', { action: 'get', id: '../records' }, 'id：记录 ID 格式无效'],
    ['an operator object as a license value', { action: 'create', license: { ...license(), plateNum: { $regex: '.*' } } }, 'license.plateNum：必须是字符串'],
    ['an operator object as a number', { action: 'create', license: { ...license(), totalQuality: { $gt: 0 } } }, 'license.totalQuality：必须是数字或空'],
    ['an operator object as version', { action: 'update', id: 'id1', version: { $gte: 0 }, license: license() }, 'version：版本号必须是数字'],
    ['a string version', { action: 'update', id: 'id1', version: '1', license: license() }, 'version：版本号必须是数字'],
    ['an operator object as search query', { action: 'search', query: { $regex: '.*' } }, 'query：搜索内容必须是字符串'],
    ['an over-long address', { action: 'create', license: { ...license(), addr: '址'.repeat(201) } }, 'license.addr：不能超过 200 个字符'],
    ['a huge number', { action: 'create', license: { ...license(), passengersNum: 1e12 } }, 'license.passengersNum：数值过大'],
    ['an unknown action', { action: 'dropDatabase' }, 'action：未知的操作 "dropDatabase"'],
    ['an operator object as action', { action: { $ne: 'x' } }, 'action：未知的操作 Object'],
    ['no action', {}, 'action：未知的操作 undefined'],
    ['a status outside the picklist', { action: 'staffQueue', status: { $ne: 'x' } }, 'status：状态无效'],
    ['a plate prefix with pattern characters', { action: 'staffQueue', platePrefix: '粤.*' }, 'platePrefix：号牌前缀只能包含汉字、字母和数字'],
    ['a negative offset', { action: 'list', offset: -1 }, 'offset：offset 不能为负'],
  ])('rejects %s', async (_case, event, detail) => {
    const caller = (event as { action?: unknown }).action === 'staffQueue' ? STAFF : USER_A
    expect(await call(caller, event)).toEqual({ ok: false, error: appError('INVALID_INPUT', detail) })
  })

  it('rejects a __proto__ member from JSON', async () => {
    const event = JSON.parse('{"action":"list","__proto__":{"limit":1}}')
    expect(await call(USER_A, event)).toEqual({ ok: false, error: appError('INVALID_INPUT', '__proto__：不允许的字段') })
  })

  it.each([null, undefined, 'list', 42, ['list']])('rejects the non-object event %p', async (event) => {
    expect(await call(USER_A, event)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('writes nothing for a rejected event', async () => {
    await call(USER_A, { action: 'create', license: license(), extra: 1 })
    expect(await call(USER_A, { action: 'list' })).toEqual({ ok: true, records: [], nextOffset: null, viewer: { staff: false } })
  })
})

describe('unexpected failures', () => {
  let errorLog: jest.SpyInstance
  beforeEach(() => {
    errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => errorLog.mockRestore())

  it('returns INTERNAL instead of throwing when the store fails', async () => {
    const broken: RecordRepo = { ...repo, listByOwner: async () => Promise.reject(new Error('disk I/O error')) }
    const failing = createRecordsHandler({ repo: broken, isStaff: async () => false })
    await expect(failing({ action: 'list' }, { openid: USER_A })).resolves.toEqual({ ok: false, error: appError('INTERNAL') })
    expect(errorLog).toHaveBeenCalledTimes(1)
  })

  it('returns INTERNAL when the role check fails', async () => {
    const failing = createRecordsHandler({ repo, isStaff: () => Promise.reject(new Error('staff lookup failed')) })
    await expect(failing({ action: 'staffQueue' }, { openid: STAFF })).resolves.toEqual({ ok: false, error: appError('INTERNAL') })
  })

  it('generates 32-hex ids by default', async () => {
    const plain = createRecordsHandler({ repo, isStaff: async () => false })
    const result = await plain({ action: 'create', license: license() }, { openid: USER_A })
    expect(result).toMatchObject({ ok: true, record: { id: expect.stringMatching(/^[0-9a-f]{32}$/) } })
  })
})
