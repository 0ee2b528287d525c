// The `records` handler on the CloudBase adapter over the fake database with request latency, so
// concurrent calls interleave the way they do on WeChat cloud: uniqueness, idempotent creates,
// compare-and-set and atomic record + audit writes must hold under every interleaving tried.
import { emptyLicense, type VehicleLicense } from '../../src/domain/license'
import { appError } from '../../src/domain/errors'
import { createRecordsHandler } from '../../functions/records/handler'
import type { LicenseRecord } from '../../src/contract/records'
import { createCloudbaseRepo, RECORD_COLLECTIONS } from '../../functions/shared/repo/cloudbase-repo'
import { vinKeyId } from '../../functions/shared/repo/cloudbase-writes'
import { createFakeCloudDb, seededLatency, type FakeCloudDb, type FakeCloudDbOptions } from '../fakes/cloudbase-db'

const USER = 'o-user-a'
const STAFF = 'o-staff'
const VIN = 'LSVNV2183E2100108'
const OTHER_VIN = 'LSGPC52U6AF102554'
const ALL = [RECORD_COLLECTIONS.records, RECORD_COLLECTIONS.audit, RECORD_COLLECTIONS.keys]
/** Interleavings tried per test: each seed gives other latencies. */
const SEEDS = [1, 2, 3, 4, 5]

const license = (overrides: Partial<VehicleLicense> = {}): VehicleLicense => ({
  ...emptyLicense(),
  plateNum: '粤B12345',
  owner: '张三',
  vin: VIN,
  ...overrides,
})

function setup(seed: number, options: FakeCloudDbOptions = {}) {
  const db = createFakeCloudDb({ collections: ALL, latency: seededLatency(seed, 5), ...options })
  let ids = 0
  const handler = createRecordsHandler({
    repo: createCloudbaseRepo(db),
    isStaff: async (openid) => openid === STAFF,
    newId: () => `id${String(++ids).padStart(4, '0')}`,
  })
  const call = (openid: string, event: object) => handler(event, { openid, requestId: 'test' })
  const create = async (overrides: Partial<VehicleLicense> = {}) => {
    const result = await call(USER, { action: 'create', license: license(overrides) })
    if (!result.ok) throw new Error(JSON.stringify(result))
    return (result as unknown as { record: LicenseRecord }).record
  }
  return { db, call, create }
}

/** What must hold after any mix of writes: one record per (owner, VIN), keys exactly for those. */
function expectConsistent(db: FakeCloudDb) {
  const records = db.dump('records')
  const withVin = records.filter((r) => (r.license as VehicleLicense).vin !== '')
  const pairs = withVin.map((r) => `${r.ownerOpenid} ${(r.license as VehicleLicense).vin}`)
  expect(new Set(pairs).size).toBe(pairs.length)
  const keys = db.dump('record_keys')
  expect(keys.map((k) => k.recordId).sort()).toEqual(withVin.map((r) => r._id).sort())
  for (const record of withVin) {
    const key = keys.find((k) => k.recordId === record._id)
    expect(key?._id).toBe(vinKeyId(String(record.ownerOpenid), (record.license as VehicleLicense).vin))
  }
}

const auditActions = (db: FakeCloudDb, recordId: string) =>
  db
    .dump('audit')
    .filter((entry) => entry.recordId === recordId)
    .map((entry) => entry.action)

describe.each(SEEDS)('records on CloudBase under concurrency (latency seed %i)', (seed) => {
  it('10 concurrent creates of one VIN store exactly one record; the others are told which', async () => {
    const { db, call } = setup(seed)
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(USER, { action: 'create', license: license({ plateNum: `粤B1000${i}` }), clientId: `client-${i}` }),
      ),
    )
    const created = results.filter((result) => result.ok) as unknown as Array<{ record: LicenseRecord }>
    expect(created).toHaveLength(1)
    const id = created[0].record.id
    const duplicates = results.filter((result) => !result.ok)
    expect(duplicates).toHaveLength(9)
    for (const duplicate of duplicates) {
      expect(duplicate).toMatchObject({ ok: false, error: { code: 'DUPLICATE_VIN', existingId: id }, existingId: id })
    }
    expect(db.dump('records').map((r) => r._id)).toEqual([id])
    expect(auditActions(db, id)).toEqual(['create'])
    expect(db.dump('audit')).toHaveLength(1)
    expectConsistent(db)
  })

  it('5 overlapping tries of one create (same clientId) all answer the one stored record', async () => {
    const { db, call } = setup(seed)
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(USER, { action: 'create', license: license(), clientId: 'retry-me' })),
    )
    expect(results.every((result) => result.ok)).toBe(true)
    const records = results.map((result) => (result as unknown as { record: LicenseRecord }).record)
    const stored = db.dump('records')
    expect(stored).toHaveLength(1)
    for (const record of records) expect(record).toEqual(records[0])
    expect(records[0].id).toBe(stored[0]._id)
    expect(db.dump('audit')).toHaveLength(1)
    expectConsistent(db)
  })

  it('concurrent updates of one version: one wins, the others get the current record', async () => {
    const { db, call, create } = setup(seed)
    const record = await create()
    const results = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((owner) => call(USER, { action: 'update', id: record.id, version: 1, license: license({ owner }) })),
    )
    const winners = results.filter((result) => result.ok) as unknown as Array<{ record: LicenseRecord }>
    expect(winners).toHaveLength(1)
    for (const loser of results.filter((result) => !result.ok)) {
      expect(loser).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' }, current: winners[0].record })
    }
    expect(db.dump('records')).toMatchObject([{ version: 2, license: { owner: winners[0].record.license.owner } }])
    expect(auditActions(db, record.id)).toEqual(['create', 'update'])
    expectConsistent(db)
  })

  it('an update racing a remove: exactly one of them happens, and the audit trail says which', async () => {
    const { db, call, create } = setup(seed)
    const record = await create()
    const [updated, removed] = await Promise.all([
      call(USER, { action: 'update', id: record.id, version: 1, license: license({ vin: OTHER_VIN }) }),
      call(USER, { action: 'remove', id: record.id, version: 1 }),
    ])
    expect([updated.ok, removed.ok].filter(Boolean)).toHaveLength(1)
    if (updated.ok) {
      expect(removed).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } })
      expect(auditActions(db, record.id)).toEqual(['create', 'update'])
      expect(db.dump('records')).toMatchObject([{ license: { vin: OTHER_VIN } }])
    } else {
      expect(updated).toEqual({ ok: false, error: appError('NOT_FOUND') })
      expect(auditActions(db, record.id)).toEqual(['create', 'remove'])
      expect(db.dump('records')).toEqual([])
    }
    expectConsistent(db)
  })

  it('two records moved to one VIN at once: one gets it, the other is told which', async () => {
    const { db, call, create } = setup(seed)
    const a = await create({ vin: 'LFV2A21K0A4123456' })
    const b = await create({ vin: 'WVWZZZ1KZ6W000001' })
    const results = await Promise.all(
      [a, b].map((record) => call(USER, { action: 'update', id: record.id, version: 1, license: license({ vin: VIN }) })),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const winner = results[0].ok ? a : b
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { code: 'DUPLICATE_VIN' }, existingId: winner.id })
    expectConsistent(db)
  })

  it('a create racing the removal of the record that holds its VIN never leaves two', async () => {
    const { db, call, create } = setup(seed)
    const first = await create()
    const [removed, created] = await Promise.all([
      call(USER, { action: 'remove', id: first.id }),
      call(USER, { action: 'create', license: license({ plateNum: '粤B99999' }) }),
    ])
    expect(removed.ok).toBe(true)
    if (!created.ok) expect(created).toMatchObject({ error: { code: 'DUPLICATE_VIN' }, existingId: first.id })
    expect(db.dump('records')).toHaveLength(created.ok ? 1 : 0)
    expectConsistent(db)
  })

  it('staff verifying and rejecting one version at once: one decision, one audit entry', async () => {
    const { db, call, create } = setup(seed)
    const record = await create()
    const results = await Promise.all([
      call(STAFF, { action: 'verify', id: record.id, version: 1 }),
      call(STAFF, { action: 'reject', id: record.id, version: 1, reason: '照片模糊' }),
    ])
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const decided = auditActions(db, record.id)
    expect(decided).toHaveLength(2)
    expect(db.dump('records')).toMatchObject([{ version: 2, status: decided[1] === 'verify' ? 'verified' : 'rejected' }])
  })

  it('a fresh environment: concurrent first creates make the collections and store one record', async () => {
    const { db, call } = setup(seed, { collections: [] })
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => call(USER, { action: 'create', license: license(), clientId: `fresh-${i}` })),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect([...db.collectionNames()].sort()).toEqual([...ALL].sort())
    expect(db.dump('records')).toHaveLength(1)
    expectConsistent(db)
  })
})

describe('records on CloudBase: a write and its audit entry are one', () => {
  let errorLog: jest.SpyInstance
  beforeEach(() => {
    errorLog = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => errorLog.mockRestore())

  /** Fails every request matching `match` while `armed`. */
  const failing = (match: (request: { kind: string; collection?: string; transaction?: string }) => boolean) => {
    const switch_ = { armed: true }
    return { switch_, failOn: (request: Parameters<typeof match>[0]) => switch_.armed && match(request) }
  }

  it.each(SEEDS)('a create whose audit entry cannot be written leaves no record and no VIN key (seed %i)', async (seed) => {
    const { switch_, failOn } = failing((r) => r.kind === 'add' && r.collection === 'audit')
    const { db, call } = setup(seed, { failOn })
    expect(await call(USER, { action: 'create', license: license() })).toEqual({ ok: false, error: appError('INTERNAL') })
    expect(db.dump('records')).toEqual([])
    expect(db.dump('record_keys')).toEqual([])
    expect(db.dump('audit')).toEqual([])
    switch_.armed = false
    // Nothing was left behind: the VIN is free.
    expect(await call(USER, { action: 'create', license: license() })).toMatchObject({ ok: true })
    expectConsistent(db)
  })

  it('a function that dies before commit leaves nothing of an update or a remove', async () => {
    const { switch_, failOn } = failing((r) => r.kind === 'commit')
    const { db, call, create } = setup(1, { failOn })
    switch_.armed = false
    const record = await create()
    const before = db.dump('records')
    switch_.armed = true
    expect(await call(USER, { action: 'update', id: record.id, version: 1, license: license({ vin: OTHER_VIN }) })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    expect(await call(USER, { action: 'remove', id: record.id })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(db.dump('records')).toEqual(before)
    expect(auditActions(db, record.id)).toEqual(['create'])
    expectConsistent(db)
  })

  it('logs the failure with the request id and action, never the event', async () => {
    const { failOn } = failing((r) => r.kind === 'add' && r.collection === 'audit')
    const { call } = setup(1, { failOn })
    await call(USER, { action: 'create', license: license({ owner: '王秘密' }) })
    expect(errorLog).toHaveBeenCalledTimes(1)
    const logged = String(errorLog.mock.calls[0][0])
    expect(JSON.parse(logged)).toMatchObject({ level: 'error', fn: 'records', requestId: 'test', action: 'create', error: { code: -501001 } })
    expect(logged).not.toContain('王秘密')
    expect(logged).not.toContain(VIN)
    expect(logged).not.toContain(USER)
  })
})
