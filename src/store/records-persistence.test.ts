// What the records store writes to the device (issue 13): only pieces that changed, never transient
// flags, the outbox apart from the cache; and what it reads back after a restart, including the
// single-key format of earlier versions.
import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock, whilePulling } from '../../test/store/fixtures'
import { createRecordsStore } from './records'
import { bucketOf, cacheKey, CACHE_BUCKETS, outboxKey } from './records-persistence'

const KEY = 'vls-records-persistence-test'

beforeEach(() => resetTaroHost())
afterEach(() => jest.restoreAllMocks())

function setup(count: number) {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  for (let i = 0; i < count; i++) api.serverCreate(license({ plateNum: `粤B${String(i).padStart(5, '0')}`, vin: `LSVAM4187C2${String(i).padStart(6, '0')}` }))
  let uuid = 0
  const open = () => createRecordsStore(api, KEY, { now: clock, newUuid: () => `u${++uuid}` })
  return { api, open }
}

/** The keys written (setStorageSync) while `step` runs. */
async function writesDuring(step: () => unknown): Promise<string[]> {
  const spy = jest.spyOn(Taro, 'setStorageSync')
  await step()
  const keys = spy.mock.calls.map(([key]) => key as string)
  spy.mockRestore()
  return keys
}

it('spreads the synced records over the cache buckets by id, and keeps the outbox key for what is not in sync', async () => {
  const { open } = setup(40)
  const store = open()
  await store.getState().refresh()
  const stored = Taro.getStorageInfoSync().keys.filter((key) => key.startsWith(KEY))
  expect(stored).not.toContain(KEY)
  const buckets = new Set(store.getState().records.map((record) => cacheKey(KEY, bucketOf(record.id))))
  expect(new Set(stored)).toEqual(new Set([...buckets, outboxKey(KEY)]))
  expect(JSON.parse(Taro.getStorageSync(outboxKey(KEY)) as string)).toEqual({ version: 1, outbox: [], local: [] })
  expect(buckets.size).toBeGreaterThan(10)
  for (const key of buckets) {
    const ids = (JSON.parse(Taro.getStorageSync(key) as string) as { id: string }[]).map((record) => record.id)
    expect(ids.every((id) => cacheKey(KEY, bucketOf(id)) === key)).toBe(true)
  }
  expect(bucketOf('srv-1')).toBeLessThan(CACHE_BUCKETS)
})

it('writes nothing for transient changes or a pull that changed nothing; one bucket for one changed record', async () => {
  const { api, open } = setup(40)
  const store = open()
  await store.getState().refresh()

  expect(await writesDuring(() => store.setState({ flushing: true, refreshing: true, lastMessage: '提示', lastPulledAt: 1 }))).toEqual([])
  expect(await writesDuring(() => store.getState().refresh())).toEqual([])

  const changed = store.getState().records[5]
  api.serverEdit(changed.id, { owner: '王小五' })
  expect(await writesDuring(() => store.getState().refresh())).toEqual([cacheKey(KEY, bucketOf(changed.id))])
})

it('a confirm and its send write the outbox key, then the outbox and the new record’s bucket: three writes', async () => {
  const { open } = setup(40)
  const store = open()
  await store.getState().refresh()
  const writes = await writesDuring(async () => {
    store.getState().confirm(license({ vin: 'LSVAM4187C2999999' }), null)
    await store.getState().flush()
  })
  const created = store.getState().records.find((record) => record.license.vin === 'LSVAM4187C2999999')!
  expect(created.sync).toBe('synced')
  expect(writes).toEqual([outboxKey(KEY), outboxKey(KEY), cacheKey(KEY, bucketOf(created.id))])
})

it('restores records newest first and the queued writes after a restart', async () => {
  const { api, open } = setup(12)
  const store = open()
  await store.getState().refresh()
  const pulled = await whilePulling(api, store) // the next writes stay queued, unsent
  store.getState().confirm(license({ vin: 'LSVAM4187C2999999' }), null)
  store.getState().remove(store.getState().records[3].id)
  const before = store.getState()

  const restarted = open()
  expect(restarted.getState().records.map((record) => record.id)).toEqual(before.records.map((record) => record.id))
  expect(restarted.getState().outbox).toEqual(before.outbox)
  await pulled()
})

it('reads the single-key format of earlier versions once, and removes it after the first write of the pieces', async () => {
  const { open } = setup(0)
  const old = { id: 'srv-9', license: license(), recognized: null, status: 'verified', version: 2, createdAt: '2024-06-01T08:00:00.000Z', updatedAt: '2024-06-01T08:00:00.000Z', sync: 'synced' }
  Taro.setStorageSync(KEY, JSON.stringify({ state: { records: [old], outbox: [] }, version: 1 }))
  const store = open()
  expect(store.getState().records).toEqual([old])
  store.setState({ records: [...store.getState().records] })
  expect(Taro.getStorageSync(KEY)).toBe('')
  expect(JSON.parse(Taro.getStorageSync(cacheKey(KEY, bucketOf('srv-9'))) as string)).toEqual([old])
  expect(open().getState().records).toEqual([old])
})

describe('an upgrade whose first write of the pieces fails part-way', () => {
  const at = '2024-06-01T08:00:00.000Z'
  const synced = (id: string, vin: string) => ({ id, license: license({ vin }), recognized: null, status: 'pending', version: 1, createdAt: at, updatedAt: at, sync: 'synced' })
  const queued = { id: 'local-q1', license: license({ vin: 'LSVAM4187C2100077' }), recognized: null, status: 'pending', version: 0, createdAt: '2024-06-02T08:00:00.000Z', updatedAt: '2024-06-02T08:00:00.000Z', sync: 'pending' }
  const createOp = { kind: 'create', opId: 'op1', recordId: 'local-q1', attempts: 0, clientId: 'q1', license: queued.license, recognized: null }

  function upgradeWithFailing(failing: (key: string) => boolean) {
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    Taro.setStorageSync(KEY, JSON.stringify({ state: { records: [queued, synced('srv-1', 'LSVAM4187C2100001'), synced('srv-2', 'LSVAM4187C2100002')], outbox: [createOp] }, version: 1 }))
    const { open } = setup(0)
    const store = open()
    const original = Taro.setStorageSync
    const spy = jest.spyOn(Taro, 'setStorageSync').mockImplementation((key: string, value: unknown) => {
      if (failing(key)) throw new Error('setStorageSync:fail exceed storage max size 10MB')
      return original(key, value)
    })
    store.setState({ records: [...store.getState().records] })
    spy.mockRestore()
    return open
  }

  it('keeps the queued writes when the outbox key did not fit but buckets did', () => {
    const open = upgradeWithFailing((key) => key === outboxKey(KEY))
    expect(Taro.getStorageSync(KEY)).not.toBe('')
    const restarted = open()
    expect(restarted.getState().outbox.map((op) => op.opId)).toEqual(['op1'])
    expect(restarted.getState().records.map((record) => record.id).sort()).toEqual(['local-q1', 'srv-1', 'srv-2'])
  })

  it('keeps the synced records a failed bucket lacks, and drops the old key once every piece is written', () => {
    const lost = cacheKey(KEY, bucketOf('srv-2'))
    const open = upgradeWithFailing((key) => key === lost)
    const restarted = open()
    expect(restarted.getState().records.map((record) => record.id).sort()).toEqual(['local-q1', 'srv-1', 'srv-2'])
    expect(restarted.getState().outbox.map((op) => op.opId)).toEqual(['op1'])
    restarted.setState({ records: [...restarted.getState().records] })
    expect(Taro.getStorageSync(KEY)).toBe('')
    expect(open().getState().records.map((record) => record.id).sort()).toEqual(['local-q1', 'srv-1', 'srv-2'])
  })
})
