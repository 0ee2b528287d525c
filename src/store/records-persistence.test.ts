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
