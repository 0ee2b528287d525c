import Taro from '@tarojs/taro'
import { DUPLICATE_VIN_MESSAGE } from '../contract/records-responses'
import { resetTaroHost } from '../../test/jest/taro-host'
import { appError } from '../domain/errors'
import type { VehicleLicense } from '../domain/license'
import {
  CACHE_TRIM_SLACK,
  cacheableData,
  configureRecordsApi,
  createRecordsStore,
  MAX_CACHED_SYNCED,
  useRecordsStore,
  type RecordsStore,
} from './records'
import type { LocalRecord } from './records-model'
import { searchRecords } from './records-search'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock, whilePulling } from '../../test/store/fixtures'

const KEY = 'vls-records-test'

function setup() {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  let uuid = 0
  // Every store (including one "after a restart") shares the clock and id sequence of the run.
  const open = (): RecordsStore => createRecordsStore(api, KEY, { now: clock, newUuid: () => `u${++uuid}` })
  return { api, open }
}

async function syncedRecords(store: RecordsStore, ...licenses: VehicleLicense[]): Promise<LocalRecord[]> {
  for (const l of licenses) store.getState().confirm(l, l)
  await store.getState().flush()
  return store.getState().records
}

/** Lets the pending flush reach the (held) api call. */
async function untilCalled(api: FakeRecordsApi, count: number): Promise<void> {
  for (let i = 0; i < 50 && api.calls.length < count; i++) await Promise.resolve()
  expect(api.calls).toHaveLength(count)
}

const A = license({ plateNum: '粤B11111', vin: 'LSVAM4187C2100001', owner: '张三' })
const B = license({ plateNum: '粤B22222', vin: 'LSVAM4187C2100002', owner: '李四' })
const C = license({ plateNum: '京A33333', vin: 'LSVAM4187C2100003', owner: '王五' })

beforeEach(() => resetTaroHost())

describe('offline confirm, restart, flush', () => {
  it('keeps the create queued across a restart and syncs it when the network is back', async () => {
    const { api, open } = setup()
    api.down()
    const before = open()
    const local = before.getState().confirm(A, A)
    expect(local).toMatchObject({ id: 'local-u1', sync: 'pending', version: 0, status: 'pending' })

    expect(await before.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    expect(before.getState().records).toEqual([
      { ...local, sync: 'pending', syncError: { code: 'NETWORK', message: '网络异常，请检查网络后重试' } },
    ])
    expect(before.getState().outbox).toEqual([
      { kind: 'create', opId: 'u2', recordId: 'local-u1', attempts: 1, clientId: 'u1', license: A, recognized: A },
    ])

    const after = open() // app killed and started again
    expect(after.getState().records).toEqual(before.getState().records)
    expect(after.getState().outbox).toEqual(before.getState().outbox)

    api.up()
    expect(await after.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    const server = api.records.get('srv-1')!
    expect(after.getState().records).toEqual([
      {
        id: 'srv-1',
        license: A,
        recognized: A,
        status: 'pending',
        version: 1,
        createdAt: server.createdAt,
        updatedAt: server.updatedAt,
        sync: 'synced',
      },
    ])
    expect(after.getState().outbox).toEqual([])
    expect(api.callsOf('create')).toEqual([
      { license: A, recognized: A, clientId: 'u1' },
      { license: A, recognized: A, clientId: 'u1' },
    ])
    expect(api.records.size).toBe(1)
  })

  it('persists only records and outbox, under the store version', async () => {
    const { api, open } = setup()
    api.down()
    const store = open()
    store.getState().confirm(A, null)
    await store.getState().flush()
    const stored = JSON.parse(Taro.getStorageSync(`${KEY}:outbox`) as string)
    expect(stored.version).toBe(1)
    expect(Object.keys(stored)).toEqual(['version', 'outbox', 'local'])
    expect(stored.local).toHaveLength(1)
    expect(Object.keys(stored.local[0])).not.toContain('flushing')
    expect(Taro.getStorageInfoSync().keys.sort()).toEqual([`${KEY}:outbox`])
  })

  it('settles a create whose answer was lost without making a second record (clientId)', async () => {
    const { api, open } = setup()
    const store = open()
    store.getState().confirm(A, A)
    api.loseNextAnswer('create')
    expect(await store.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    expect(api.records.size).toBe(1)

    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records.map((r) => [r.id, r.version, r.sync])).toEqual([['srv-1', 1, 'synced']])
    expect(api.records.size).toBe(1)
  })

  it('settles an update whose answer was lost: the resend conflicts with identical content', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    store.getState().edit('srv-1', { ...A, owner: '赵六' })
    api.loseNextAnswer('update')
    await store.getState().flush()
    expect(api.records.get('srv-1')!.version).toBe(2)

    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records[0]).toMatchObject({ id: 'srv-1', version: 2, sync: 'synced', license: { owner: '赵六' } })
    expect(store.getState().lastMessage).toBeNull()
  })
})

describe('outbox ordering', () => {
  it('sends edits and removals in order, folding unsent edits into the queued write', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A, B) // srv-1 = A, srv-2 = B
    const pullDone = await whilePulling(api, store)
    const a2 = { ...A, owner: '张三丰' }
    const a3 = { ...A, owner: '张无忌' }
    const c2 = { ...C, owner: '王小五' }
    const s = () => store.getState()

    s().edit('srv-1', a2)
    const c = s().confirm(C, C)
    s().edit(c.id, c2) // folded into C's unsent create
    s().edit('srv-2', { ...B, owner: '李小四' })
    s().edit('srv-1', a3) // folded into A's unsent update
    s().remove('srv-2') // B's unsent update is moot
    expect(s().outbox.map((op) => [op.kind, op.recordId, 'version' in op ? op.version : '-'])).toEqual([
      ['update', 'srv-1', 1],
      ['create', c.id, '-'],
      ['remove', 'srv-2', 1],
    ])
    expect(s().records.map((r) => [r.id, r.license.owner, r.sync])).toEqual([
      [c.id, '王小五', 'pending'],
      ['srv-1', '张无忌', 'pending'],
    ])

    const callsBefore = api.calls.length
    await pullDone()
    expect(await s().flush()).toEqual({ settled: 3, remaining: 0, offline: false })
    expect(api.calls.slice(callsBefore)).toEqual([
      { method: 'update', input: { id: 'srv-1', version: 1, license: a3 } },
      { method: 'create', input: { license: c2, recognized: C, clientId: c.id.replace('local-', '') } },
      { method: 'remove', input: { id: 'srv-2', version: 1 } },
    ])
    expect(s().records.map((r) => [r.id, r.license.owner, r.version, r.sync])).toEqual([
      ['srv-3', '王小五', 1, 'synced'],
      ['srv-1', '张无忌', 2, 'synced'],
    ])
    expect([...api.records.keys()].sort()).toEqual(['srv-1', 'srv-3'])
  })

  it('drops a never-sent record with its queued create, without calling the server', async () => {
    const { api, open } = setup()
    const store = open()
    const pullDone = await whilePulling(api, store)
    const c = store.getState().confirm(C, C)
    expect(store.getState().remove(c.id)).toBe(true)
    expect(store.getState().records).toEqual([])
    expect(store.getState().outbox).toEqual([])
    await pullDone()
    await store.getState().flush()
    expect(api.calls.map((call) => call.method)).toEqual(['list'])
  })

  it('rewrites later ops to the server id (and version) once an in-flight create succeeds', async () => {
    const { api, open } = setup()
    const store = open()
    const c = store.getState().confirm(C, C)
    const release = api.hold()
    const flushing = store.getState().flush()
    await untilCalled(api, 1)
    expect(store.getState().records[0].sync).toBe('syncing')

    const c2 = { ...C, owner: '王小五' }
    store.getState().edit(c.id, c2) // the create is already sent: a separate update is queued
    expect(store.getState().outbox.map((op) => [op.kind, op.recordId])).toEqual([
      ['create', c.id],
      ['update', c.id],
    ])
    release()
    expect(await flushing).toEqual({ settled: 2, remaining: 0, offline: false })
    expect(api.callsOf('update')).toEqual([{ id: 'srv-1', version: 1, license: c2 }])
    expect(store.getState().records.map((r) => [r.id, r.license.owner, r.version, r.sync])).toEqual([['srv-1', '王小五', 2, 'synced']])
  })

  it('drops the queued removal when the in-flight create is refused', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    const dup = store.getState().confirm({ ...B, vin: A.vin }, B)
    const release = api.hold()
    const flushing = store.getState().flush()
    await untilCalled(api, 2)
    store.getState().remove(dup.id)
    expect(store.getState().outbox.map((op) => op.kind)).toEqual(['create', 'remove'])
    release()
    await flushing
    expect(store.getState().outbox).toEqual([])
    expect(store.getState().records.map((r) => r.id)).toEqual(['srv-1'])
    expect(api.callsOf('remove')).toEqual([])
  })

  it('removes a record whose create is in flight once the create lands', async () => {
    const { api, open } = setup()
    const store = open()
    const c = store.getState().confirm(C, C)
    const release = api.hold()
    const flushing = store.getState().flush()
    await untilCalled(api, 1)
    store.getState().remove(c.id)
    expect(store.getState().records).toEqual([])
    release()
    await flushing
    expect(api.callsOf('remove')).toEqual([{ id: 'srv-1', version: 1 }])
    expect(api.records.size).toBe(0)
    expect(store.getState().outbox).toEqual([])
  })

  it('runs one flush at a time: concurrent calls share it', async () => {
    const { api, open } = setup()
    const store = open()
    store.getState().confirm(A, A)
    const first = store.getState().flush()
    const second = store.getState().flush()
    expect(second).toBe(first)
    await first
    expect(api.callsOf('create')).toHaveLength(1)
    expect(store.getState().flushing).toBe(false)
  })
})

describe('refusals', () => {
  it('rolls back a refused edit and says why', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    api.refuseNext('update', appError('FORBIDDEN'))
    store.getState().edit('srv-1', { ...A, owner: '赵六' })
    expect(store.getState().records[0].license.owner).toBe('赵六')

    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records[0]).toMatchObject({
      id: 'srv-1',
      license: A,
      version: 1,
      sync: 'error',
      syncError: { code: 'FORBIDDEN', message: '没有权限执行此操作' },
    })
    expect(store.getState().lastMessage).toBe('「粤B11111」的修改未保存：没有权限执行此操作')
    store.getState().clearMessage()
    expect(store.getState().lastMessage).toBeNull()
  })

  it('lets a newer queued edit go through after an earlier one is refused', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    store.getState().edit('srv-1', { ...A, owner: '赵六' })
    api.refuseNext('update', appError('INVALID_INPUT'))
    const release = api.hold()
    const flushing = store.getState().flush()
    await untilCalled(api, 2)
    store.getState().edit('srv-1', { ...A, owner: '赵小六' })
    release()
    expect(await flushing).toEqual({ settled: 2, remaining: 0, offline: false })
    expect(api.callsOf('update')).toEqual([
      { id: 'srv-1', version: 1, license: { ...A, owner: '赵六' } },
      { id: 'srv-1', version: 1, license: { ...A, owner: '赵小六' } },
    ])
    expect(store.getState().records[0]).toMatchObject({ sync: 'synced', version: 2, license: { owner: '赵小六' } })
    expect(store.getState().lastMessage).toBeNull()
  })

  it('restores a record whose removal is refused', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A, B)
    api.refuseNext('remove', appError('FORBIDDEN', '已核验的记录不能删除'))
    store.getState().remove('srv-1')
    expect(store.getState().records.map((r) => r.id)).toEqual(['srv-2'])

    await store.getState().flush()
    expect(store.getState().records.map((r) => [r.id, r.sync])).toEqual([
      ['srv-2', 'synced'],
      ['srv-1', 'error'],
    ])
    expect(store.getState().records[1].license).toEqual(A)
    expect(store.getState().lastMessage).toBe('「粤B11111」删除失败：没有权限执行此操作：已核验的记录不能删除')
  })

  it('drops a record the server no longer has when its edit comes back NOT_FOUND', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    api.serverDelete('srv-1')
    store.getState().edit('srv-1', { ...A, owner: '赵六' })
    await store.getState().flush()
    expect(store.getState().records).toEqual([])
    expect(store.getState().lastMessage).toBe('「粤B11111」已不存在：记录不存在或已被删除')
  })

  it('surfaces a duplicate VIN on the record, keeps the typed data, and retries after a fix', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    const dup = store.getState().confirm({ ...B, vin: A.vin }, B)

    await store.getState().flush()
    const failed = store.getState().getRecord(dup.id)!
    expect(failed).toMatchObject({
      sync: 'error',
      syncError: { code: 'DUPLICATE_VIN', message: DUPLICATE_VIN_MESSAGE, existingId: 'srv-1' },
      license: { ...B, vin: A.vin },
    })
    expect(store.getState().outbox).toEqual([])
    expect([...api.records.keys()]).toEqual(['srv-1'])
    expect(store.getState().lastMessage).toBe(`「粤B22222」未保存：${DUPLICATE_VIN_MESSAGE}`)

    store.getState().edit(dup.id, B) // corrected VIN: the create is queued again
    await store.getState().flush()
    expect(store.getState().records.map((r) => [r.id, r.license.vin, r.sync])).toEqual([
      ['srv-2', B.vin, 'synced'],
      ['srv-1', A.vin, 'synced'],
    ])
  })
})

describe('version conflicts', () => {
  async function conflictOnA() {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    api.serverEdit('srv-1', { owner: '李四' }) // another device: version 2
    store.getState().edit('srv-1', { ...A, owner: '王五' })
    await store.getState().flush()
    return { api, store }
  }

  it('keeps the local edit beside the server version', async () => {
    const { store } = await conflictOnA()
    const record = store.getState().records[0]
    expect(record).toMatchObject({ id: 'srv-1', sync: 'conflict', version: 1, license: { owner: '王五' } })
    expect(record.conflict!.server).toMatchObject({ id: 'srv-1', version: 2, license: { owner: '李四' } })
    expect(record.syncError!.code).toBe('VERSION_CONFLICT')
    expect(store.getState().outbox).toEqual([])
    expect(store.getState().lastMessage).toBe('「粤B11111」已在其他地方被修改，请选择保留哪个版本')
  })

  it('does not queue edits made during a conflict until it is resolved', async () => {
    const { store } = await conflictOnA()
    store.getState().edit('srv-1', { ...A, owner: '王小五' })
    expect(store.getState().outbox).toEqual([])
    expect(store.getState().records[0]).toMatchObject({ sync: 'conflict', license: { owner: '王小五' } })
  })

  it('takeServer replaces the local edit with the server version', async () => {
    const { api, store } = await conflictOnA()
    expect(store.getState().resolveConflict('srv-1', 'takeServer')).toBe(true)
    const server = api.records.get('srv-1')!
    expect(store.getState().records).toEqual([
      { id: 'srv-1', license: server.license, recognized: A, status: 'pending', version: 2, createdAt: server.createdAt, updatedAt: server.updatedAt, sync: 'synced' },
    ])
    expect(store.getState().outbox).toEqual([])
  })

  it('keepMine sends the local edit on top of the server version', async () => {
    const { api, store } = await conflictOnA()
    expect(store.getState().resolveConflict('srv-1', 'keepMine')).toBe(true)
    // Sent at once: already on its way.
    expect(store.getState().records[0]).toMatchObject({ sync: 'syncing', version: 2, license: { owner: '王五' } })
    expect(store.getState().records[0].conflict).toBeUndefined()
    expect(store.getState().outbox.map((op) => [op.kind, 'version' in op ? op.version : '-'])).toEqual([['update', 2]])

    await store.getState().flush()
    expect(api.records.get('srv-1')).toMatchObject({ version: 3, license: { owner: '王五' } })
    expect(store.getState().records[0]).toMatchObject({ sync: 'synced', version: 3, license: { owner: '王五' } })
  })

  it('refuses to resolve a record that is not in conflict', async () => {
    const { open } = setup()
    const store = open()
    await syncedRecords(store, A)
    expect(store.getState().resolveConflict('srv-1', 'keepMine')).toBe(false)
    expect(store.getState().resolveConflict('nope', 'takeServer')).toBe(false)
  })

  it('restores the server version when a removal conflicts', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    api.serverEdit('srv-1', { owner: '李四' })
    store.getState().remove('srv-1')
    await store.getState().flush()
    expect(api.records.has('srv-1')).toBe(true)
    expect(store.getState().records[0]).toMatchObject({ id: 'srv-1', version: 2, sync: 'synced', license: { owner: '李四' } })
    expect(store.getState().lastMessage).toBe('「粤B11111」已在其他地方被修改，未删除，请查看后再决定')
  })
})

describe('refresh', () => {
  it('merges the server list: server wins for synced records, local edits are kept', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A, B, C) // srv-1..3
    const d = api.serverCreate(license({ plateNum: '沪C44444', vin: 'LSVAM4187C2100004', owner: '赵六' })) // other device
    api.serverEdit('srv-1', { owner: '张小三' })
    api.serverEdit('srv-2', {}, 'verified') // staff verified B
    api.serverDelete('srv-3')

    api.down('update')
    store.getState().edit('srv-2', { ...B, owner: '李小四' }) // stays pending
    api.down('create')
    const e = store.getState().confirm(license({ plateNum: '粤E55555', vin: 'LSVAM4187C2100005' }), null)

    const result = await store.getState().refresh()
    expect(result).toEqual({ ok: true, count: 3 })
    expect(store.getState().records.map((r) => [r.id, r.license.owner, r.status, r.version, r.sync])).toEqual([
      [e.id, '张三', 'pending', 0, 'pending'],
      [d.id, '赵六', 'pending', 1, 'synced'],
      ['srv-2', '李小四', 'verified', 1, 'pending'],
      ['srv-1', '张小三', 'pending', 2, 'synced'],
    ])
    expect(store.getState().outbox.map((op) => [op.kind, op.recordId])).toEqual([
      ['update', 'srv-2'],
      ['create', e.id],
    ])
  })

  it('pages through the whole list', async () => {
    const { api, open } = setup()
    for (let i = 0; i < 250; i++) api.serverCreate(license({ vin: `V${i}` }))
    const store = open()
    expect(await store.getState().refresh()).toEqual({ ok: true, count: 250 })
    expect(api.callsOf('list')).toEqual([
      { limit: 100, offset: 0 },
      { limit: 100, offset: 100 },
      { limit: 100, offset: 200 },
    ])
    expect(store.getState().records).toHaveLength(250)
  })

  it('keeps the cache when offline', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    api.down()
    const result = await store.getState().refresh()
    expect(result).toEqual({ ok: false, error: { code: 'NETWORK', message: '网络异常，请检查网络后重试' } })
    expect(store.getState().records.map((r) => r.id)).toEqual(['srv-1'])
    expect(store.getState().lastMessage).toBeNull()
    expect(store.getState().refreshing).toBe(false)
  })

  it('fills in the server side of a conflict and keeps the local edit', async () => {
    const { api, open } = setup()
    const store = open()
    await syncedRecords(store, A)
    api.serverEdit('srv-1', { owner: '李四' })
    store.getState().edit('srv-1', { ...A, owner: '王五' })
    await store.getState().flush()
    api.serverEdit('srv-1', { owner: '李小四' }) // version 3
    await store.getState().refresh()
    const record = store.getState().records[0]
    expect(record).toMatchObject({ sync: 'conflict', license: { owner: '王五' } })
    expect(record.conflict!.server).toMatchObject({ version: 3, license: { owner: '李小四' } })
  })
})

describe('search', () => {
  async function storeWithABC() {
    const { open } = setup()
    const store = open()
    await syncedRecords(store, A, B, C)
    return store
  }

  it('matches plate, VIN and owner, case-insensitively', async () => {
    const store = await storeWithABC()
    const plates = (q: string) => store.getState().search(q).map((r) => r.license.plateNum)
    expect(plates('粤b')).toEqual(['粤B22222', '粤B11111'])
    expect(plates('粤b·222 22')).toEqual(['粤B22222'])
    expect(plates('lsvam4187c2100003')).toEqual(['京A33333'])
    expect(plates('王五')).toEqual(['京A33333'])
    expect(plates('李')).toEqual(['粤B22222'])
    expect(plates('nothing')).toEqual([])
    expect(store.getState().search('  ')).toBe(store.getState().records)
  })

  it('does not match across fields', async () => {
    const store = await storeWithABC()
    expect(store.getState().search('11111LSVAM')).toEqual([])
  })

  it('returns the same array for unchanged input and sees edits', async () => {
    const store = await storeWithABC()
    const first = store.getState().search('粤b')
    expect(store.getState().search('粤B')).toBe(first)
    store.getState().edit('srv-1', { ...A, plateNum: '京B11111' })
    expect(store.getState().search('粤b').map((r) => r.id)).toEqual(['srv-2'])
  })

  // Its latency is measured by `npm run bench` (client store rows), not asserted here.
  it('finds records among 10k', async () => {
    const { api, open } = setup()
    for (let i = 0; i < 10000; i++) {
      api.serverCreate(license({ plateNum: `粤B${String(i).padStart(5, '0')}`, vin: `LSVAM4187C${String(i).padStart(7, '0')}`, owner: `车主${i}` }))
    }
    const store = open()
    await store.getState().refresh()
    expect(store.getState().records).toHaveLength(10000)

    let last: LocalRecord[] = []
    for (const q of ['粤', '粤b', '粤b0', '粤b01', '粤b012', '粤b0123', '车主', '车主9', 'lsvam', 'c0000099']) {
      last = store.getState().search(q)
    }
    expect(last.map((r) => r.license.plateNum)).toEqual(['粤B00099'])
    const plates = store.getState().search('粤b0123').map((r) => r.license.plateNum)
    expect([...plates].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `粤B0123${i}`))
  })
})

describe('persistence', () => {
  it('resumes a write that was in flight when the app was killed', async () => {
    const { api, open } = setup()
    const store = open()
    store.getState().confirm(A, A)
    const release = api.hold()
    void store.getState().flush()
    await untilCalled(api, 1)

    const restarted = open() // the held answer never reaches this process
    expect(restarted.getState().records[0].sync).toBe('pending')
    expect(restarted.getState().outbox.map((op) => [op.kind, op.attempts])).toEqual([['create', 1]])
    release()
  })

  it('caches every record up to MAX_CACHED_SYNCED + CACHE_TRIM_SLACK synced ones, then trims to the newest MAX_CACHED_SYNCED and every unsynced one', () => {
    const upToSlack = Array.from({ length: MAX_CACHED_SYNCED + CACHE_TRIM_SLACK }, (_, i) => ({ id: `srv-${i}`, sync: 'synced' }) as LocalRecord)
    expect(cacheableData({ records: upToSlack, outbox: [] }).records).toHaveLength(MAX_CACHED_SYNCED + CACHE_TRIM_SLACK)
    const synced = Array.from({ length: MAX_CACHED_SYNCED + CACHE_TRIM_SLACK + 1 }, (_, i) => ({ id: `srv-${i}`, sync: 'synced' }) as LocalRecord)
    const pending = { id: 'local-x', sync: 'pending' } as LocalRecord
    const kept = cacheableData({ records: [pending, ...synced], outbox: [] }).records
    expect(kept).toHaveLength(1 + MAX_CACHED_SYNCED)
    expect(kept[0]).toBe(pending)
    expect(kept[MAX_CACHED_SYNCED].id).toBe(`srv-${MAX_CACHED_SYNCED - 1}`)
  })

  it('migrates an unknown older shape, keeping only what parses', () => {
    const stored = {
      version: 0,
      state: {
        records: [{ id: 'srv-9', version: 3, license: { plateNum: '粤B99999' }, sync: 'synced' }, { id: 42 }, 'junk'],
        outbox: [{ kind: 'remove', opId: 'o1', recordId: 'srv-8', version: 2, removed: { id: 'srv-8', version: 2, license: {} } }, { kind: 'teleport' }],
      },
    }
    Taro.setStorageSync(KEY, JSON.stringify(stored))
    const { open } = setup()
    const store = open()
    expect(store.getState().records.map((r) => [r.id, r.version, r.license.plateNum, r.license.owner, r.sync])).toEqual([
      ['srv-9', 3, '粤B99999', '', 'synced'],
    ])
    expect(store.getState().outbox.map((op) => [op.kind, op.recordId, op.attempts])).toEqual([['remove', 'srv-8', 1]])
  })

  it('starts empty on unparseable storage', () => {
    Taro.setStorageSync(KEY, '{not json')
    const { open } = setup()
    expect(open().getState().records).toEqual([])
  })
})

describe('the app instance', () => {
  it('keeps writes queued until an api is configured', async () => {
    const api = new FakeRecordsApi(tickingClock())
    const s = () => useRecordsStore.getState()
    s().confirm(A, A)
    expect(await s().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
    configureRecordsApi(api)
    expect(await s().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(s().records.map((r) => [r.id, r.sync])).toEqual([['srv-1', 'synced']])
  })
})

describe('searchRecords', () => {
  it('stays stable when two lists search the same records with different queries', async () => {
    const { open } = setup()
    const store = open()
    await syncedRecords(store, A, B, C)
    const records = store.getState().records
    const first = searchRecords(records, '粤')
    const second = searchRecords(records, '京')
    expect(searchRecords(records, '粤')).toBe(first)
    expect(searchRecords(records, '京')).toBe(second)
    expect(second.map((r) => r.id)).toEqual(['srv-3'])
  })
})

describe('edit', () => {
  it('queues nothing for an unchanged license and reports unknown ids', async () => {
    const { open } = setup()
    const store = open()
    await syncedRecords(store, A)
    expect(store.getState().edit('srv-1', { ...A })).toBe(true)
    expect(store.getState().outbox).toEqual([])
    expect(store.getState().records[0].sync).toBe('synced')
    expect(store.getState().edit('srv-404', A)).toBe(false)
    expect(store.getState().remove('srv-404')).toBe(false)
  })
})
