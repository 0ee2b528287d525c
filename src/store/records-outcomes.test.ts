// Write outcomes records.test.ts does not walk through: replacing a duplicate (DUPLICATE_VIN) with
// the record already on file, a removal the server no longer needs or answers without its copy, a
// create whose lost answer was followed by a pull, a confirm made while a flush runs, and who hears
// about a created record's new id.
import { resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock } from '../../test/store/fixtures'
import { appError } from '../domain/errors'
import { createRecordsStore, type RecordsStore } from './records'

const KEY = 'vls-records-outcomes-test'

beforeEach(() => resetTaroHost())

const A = license({ plateNum: '粤B11111', vin: 'LSVAM4187C2100001', owner: '张三' })
const B = license({ plateNum: '粤B22222', vin: 'LSVAM4187C2100002', owner: '李四' })

function setup(onCreated?: (localId: string, serverId: string) => void) {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  let uuid = 0
  const store: RecordsStore = createRecordsStore(api, KEY, { now: clock, newUuid: () => `u${++uuid}`, onCreated })
  return { api, store }
}

describe('replacing a duplicate with the record already on file', () => {
  it('updates the existing record with the new license and drops the duplicate, which never reached the server', async () => {
    const { api, store } = setup()
    store.getState().confirm(A, A)
    await store.getState().flush()
    const dup = store.getState().confirm({ ...A, owner: '张小三' }, null)
    await store.getState().flush()
    expect(store.getState().getRecord(dup.id)!.syncError).toMatchObject({ code: 'DUPLICATE_VIN', existingId: 'srv-1' })

    expect(await store.getState().replaceDuplicate(dup.id, 'srv-1')).toBe(true)
    await store.getState().flush()
    expect(store.getState().records.map((r) => [r.id, r.license.owner, r.sync])).toEqual([['srv-1', '张小三', 'synced']])
    expect(api.records.get('srv-1')!.license.owner).toBe('张小三')
    expect(api.callsOf('remove')).toEqual([])
    expect(api.records.size).toBe(1)
  })

  it('pulls first when the existing record is not cached here (made on another device)', async () => {
    const { api, store } = setup()
    api.serverCreate(A) // srv-1, never pulled here
    const dup = store.getState().confirm({ ...A, owner: '张小三' }, null)
    await store.getState().flush()
    expect(store.getState().getRecord('srv-1')).toBeUndefined()

    expect(await store.getState().replaceDuplicate(dup.id, 'srv-1')).toBe(true)
    expect(api.callsOf('list')).toHaveLength(1)
    await store.getState().flush()
    expect(store.getState().records.map((r) => [r.id, r.license.owner])).toEqual([['srv-1', '张小三']])
    expect(api.records.get('srv-1')!.license.owner).toBe('张小三')
  })

  it('changes nothing when either record is unknown', async () => {
    const { api, store } = setup()
    store.getState().confirm(A, A)
    await store.getState().flush()
    const calls = api.calls.length
    expect(await store.getState().replaceDuplicate('local-nope', 'srv-1')).toBe(false)
    expect(api.calls).toHaveLength(calls) // not even a pull

    const dup = store.getState().confirm({ ...A, owner: '张小三' }, null)
    await store.getState().flush()
    expect(await store.getState().replaceDuplicate(dup.id, 'srv-404')).toBe(false)
    expect(store.getState().records.map((r) => r.id).sort()).toEqual([dup.id, 'srv-1'].sort())
    expect(api.records.get('srv-1')!.license.owner).toBe('张三')
  })
})

describe('removals', () => {
  it('a removal the server answers NOT_FOUND is done: the record stays gone, nobody is bothered', async () => {
    const { api, store } = setup()
    store.getState().confirm(A, A)
    await store.getState().flush()
    api.serverDelete('srv-1') // removed on another device meanwhile
    store.getState().remove('srv-1')
    expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
    expect(store.getState().records).toEqual([])
    expect(store.getState().outbox).toEqual([])
    expect(store.getState().lastMessage).toBeNull()
  })

  it('a removal that conflicts without the server copy puts back the record as it was, marked, and says so', async () => {
    const { api, store } = setup()
    store.getState().confirm(A, A)
    store.getState().confirm(B, B)
    await store.getState().flush()
    api.refuseNext('remove', appError('VERSION_CONFLICT'))
    store.getState().remove('srv-1')
    await store.getState().flush()
    expect(store.getState().records.map((r) => [r.id, r.license.owner, r.sync])).toEqual([
      ['srv-2', '李四', 'synced'],
      ['srv-1', '张三', 'error'],
    ])
    expect(store.getState().getRecord('srv-1')!.syncError).toMatchObject({ code: 'VERSION_CONFLICT' })
    expect(store.getState().lastMessage).toContain('粤B11111')
  })

  it('a refused removal of an edited record puts back the server’s license, not the unsent edit', async () => {
    const { api, store } = setup()
    store.getState().confirm(A, A)
    await store.getState().flush()
    const release = api.hold()
    const pull = store.getState().refresh() // writes made meanwhile wait unsent
    for (let i = 0; i < 20 && api.calls.length < 2; i++) await Promise.resolve()
    store.getState().edit('srv-1', { ...A, owner: '张小三' })
    store.getState().remove('srv-1')
    api.refuseNext('remove', appError('FORBIDDEN'))
    release()
    await pull
    await store.getState().flush()
    expect(store.getState().records.map((r) => [r.id, r.license.owner, r.sync])).toEqual([['srv-1', '张三', 'error']])
    expect(api.callsOf('update')).toEqual([])
  })
})

describe('creates', () => {
  it('a create whose answer was lost, then a pull listing it, ends as one record', async () => {
    const { api, store } = setup()
    api.loseNextAnswer('create')
    const local = store.getState().confirm(A, A)
    await store.getState().flush()
    api.down('create')
    await store.getState().refresh() // the flush fails, the list has srv-1
    expect(store.getState().records.map((r) => r.id).sort()).toEqual([local.id, 'srv-1'].sort())
    api.up()
    await store.getState().flush()
    expect(store.getState().records.map((r) => [r.id, r.sync])).toEqual([['srv-1', 'synced']])
    expect(api.records.size).toBe(1)
  })

  it('a confirm made while a flush runs waits, unsent, and goes out in that same flush', async () => {
    const { api, store } = setup()
    store.getState().confirm(A, A)
    const release = api.hold()
    const flushing = store.getState().flush()
    for (let i = 0; i < 20 && api.calls.length < 1; i++) await Promise.resolve()
    const second = store.getState().confirm(B, B)
    expect(store.getState().getRecord(second.id)!.sync).toBe('pending')
    expect(store.getState().outbox.map((op) => op.attempts)).toEqual([1, 0])
    release()
    expect(await flushing).toEqual({ settled: 2, remaining: 0, offline: false })
    expect(store.getState().records.map((r) => [r.id, r.sync])).toEqual([
      ['srv-2', 'synced'],
      ['srv-1', 'synced'],
    ])
  })

  it('tells onCreated the local and the server id of each accepted create, and of nothing else', async () => {
    const created: [string, string][] = []
    const { api, store } = setup((localId, serverId) => created.push([localId, serverId]))
    const a = store.getState().confirm(A, A)
    await store.getState().flush()
    store.getState().edit('srv-1', { ...A, owner: '张小三' })
    store.getState().remove('srv-1')
    await store.getState().flush()
    api.down()
    store.getState().confirm(B, B)
    await store.getState().flush()
    expect(created).toEqual([[a.id, 'srv-1']])
  })
})
