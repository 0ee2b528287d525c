// The records function as deployed, on each CloudBase Node runtime: a fresh environment, the
// integrity rules under real concurrency (separate instances, database latency), staff actions.
import { EXPECTED_LICENSE } from '../contract/fixtures'
import { CLOUD_NODE_VERSIONS } from './function-runtime'
import { call, startCloud, type Cloud, type FnReply } from './scenario'

const ALICE = 'oAlice000000000000000000000a'
const BOB = 'oBob00000000000000000000000b'
const STAFF = 'oStaff00000000000000000000st'
const latency = () => Math.random() * 6

const create = (cloud: Cloud, openid: string, overrides: Record<string, unknown> = {}) =>
  call(cloud.records, { action: 'create', license: EXPECTED_LICENSE, recognized: EXPECTED_LICENSE, ...overrides }, openid)

const recordOf = (reply: FnReply) => (reply.ok ? (reply.record as { id: string; version: number; status: string }) : null)

describe.each(CLOUD_NODE_VERSIONS)('records on Node %s', (version) => {
  let cloud: Cloud
  afterEach(() => cloud?.stop())

  test('a fresh environment stores the first record and its audit entry, with no hand-made collection', async () => {
    cloud = startCloud(version)
    const reply = await create(cloud, ALICE, { clientId: 'c-1' })
    expect(reply).toMatchObject({ ok: true, record: { status: 'pending', version: 1, license: EXPECTED_LICENSE } })
    expect(cloud.env.db.dump('records')).toHaveLength(1)
    expect(cloud.env.db.dump('audit')).toEqual([expect.objectContaining({ action: 'create', recordId: recordOf(reply)!.id })])
    expect(await call(cloud.records, { action: 'list', limit: 20 }, ALICE)).toMatchObject({ ok: true, records: [expect.objectContaining({ id: recordOf(reply)!.id })] })
    // Another user sees nothing of it.
    expect(await call(cloud.records, { action: 'get', id: recordOf(reply)!.id }, BOB)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  test('10 concurrent creates of one VIN from separate instances store one record', async () => {
    cloud = startCloud(version, { latency })
    await cloud.records.warm(10)
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => create(cloud, ALICE, { clientId: `vin-race-${i}` })))
    const stored = cloud.env.db.dump('records')
    expect(stored).toHaveLength(1)
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1)
    for (const reply of replies.filter((r) => !r.ok)) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'DUPLICATE_VIN' }, existingId: stored[0]._id })
    }
    expect(cloud.records.instances.length).toBeGreaterThan(1)
    expect(cloud.env.db.dump('audit')).toHaveLength(1)
  })

  test('overlapping retries of one create (same clientId) all get the stored record, never DUPLICATE_VIN', async () => {
    cloud = startCloud(version, { latency })
    await cloud.records.warm(5)
    const replies = await Promise.all(Array.from({ length: 5 }, () => create(cloud, ALICE, { clientId: 'one-confirm' })))
    const ids = new Set(replies.map((reply) => recordOf(reply)?.id))
    expect(replies.every((reply) => reply.ok)).toBe(true)
    expect(ids.size).toBe(1)
    expect(cloud.env.db.dump('records')).toHaveLength(1)
    expect(cloud.env.db.dump('audit')).toHaveLength(1)
  })

  test('the same VIN for two different users is two records', async () => {
    cloud = startCloud(version, { latency })
    const [a, b] = await Promise.all([create(cloud, ALICE), create(cloud, BOB)])
    expect([a.ok, b.ok]).toEqual([true, true])
  })

  test('a record and its audit entry commit together: a function dying between them leaves neither', async () => {
    cloud = startCloud(version, { failOn: (request) => request.collection === 'audit' && request.kind === 'add' })
    const reply = await create(cloud, ALICE, { clientId: 'dies' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(cloud.env.db.dump('records')).toEqual([])
    expect(cloud.env.db.dump('record_keys')).toEqual([])
    const logged = cloud.records.errorLog().map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(logged).toContainEqual(expect.objectContaining({ fn: 'records', action: 'create', requestId: expect.stringMatching(/^req-/) }))
    expect(cloud.records.logs().join('\n')).not.toContain(EXPECTED_LICENSE.vin)
  })

  test('staff: the queue and verify work for a configured staff member and for nobody else', async () => {
    cloud = startCloud(version, { records: { env: { STAFF_OPENIDS: STAFF } } })
    const record = recordOf(await create(cloud, ALICE))!
    expect(await call(cloud.records, { action: 'staffQueue', status: 'pending', limit: 20 }, ALICE)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call(cloud.records, { action: 'verify', id: record.id, version: 1 }, ALICE)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const queue = await call(cloud.records, { action: 'staffQueue', status: 'pending', limit: 20 }, STAFF)
    expect(queue).toMatchObject({ ok: true, counts: { pending: 1, verified: 0, rejected: 0 }, records: [expect.objectContaining({ id: record.id })] })
    expect(await call(cloud.records, { action: 'verify', id: record.id, version: 1 }, STAFF)).toMatchObject({ ok: true, record: { status: 'verified', version: 2 } })
    expect(await call(cloud.records, { action: 'get', id: record.id }, ALICE)).toMatchObject({ ok: true, record: { status: 'verified' } })
    expect(cloud.env.db.dump('audit').map((entry) => entry.action)).toEqual(['create', 'verify'])
  })

  test('staff from the staff collection, added in the console', async () => {
    cloud = startCloud(version)
    await cloud.env.db.createCollection('staff')
    await cloud.env.db.collection('staff').add({ data: { openid: STAFF } })
    expect(await call(cloud.records, { action: 'staffQueue', limit: 20 }, STAFF)).toMatchObject({ ok: true })
  })

  test('malformed and operator-like events are refused', async () => {
    cloud = startCloud(version)
    expect(await call(cloud.records, { action: 'get', id: { $ne: null } }, ALICE)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call(cloud.records, { action: 'drop' }, ALICE)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call(cloud.records, { action: 'list', limit: 20 })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
  })
})
