// The records store's pieces on the device (records-persistence.ts), seen from storage: after a
// restart nothing that is already stored is written again, a piece whose write failed is written
// again with the next change, a bucket emptied of its records goes away, what is unreadable is
// skipped, and clearing the store clears every piece.
import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, localRecord, tickingClock } from '../../test/store/fixtures'
import { createRecordsStore, type RecordsStore } from './records'
import type { LocalRecord } from './records-model'
import { bucketOf, CACHE_BUCKETS, cacheKey, createRecordsPersistence, outboxKey } from './records-persistence'
import { createTaroStateStorage } from './taro-storage'

const KEY = 'vls-records-pieces-test'

beforeEach(() => resetTaroHost())
afterEach(() => jest.restoreAllMocks())

const vin = (i: number) => `LSVAM4187C2${String(i).padStart(6, '0')}`

function setup(count = 0) {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  for (let i = 0; i < count; i++) api.serverCreate(license({ plateNum: `粤B${String(i).padStart(5, '0')}`, vin: vin(i) }))
  let uuid = 0
  const open = (): RecordsStore => createRecordsStore(api, KEY, { now: clock, newUuid: () => `u${++uuid}` })
  return { api, open }
}

/** The storage calls (set and remove, by key) made while `step` runs. */
async function storageCallsDuring(step: () => unknown): Promise<{ set: string[]; removed: string[] }> {
  const set = jest.spyOn(Taro, 'setStorageSync')
  const removed = jest.spyOn(Taro, 'removeStorageSync')
  await step()
  const calls = { set: set.mock.calls.map(([key]) => key as string), removed: removed.mock.calls.map(([key]) => key as string) }
  set.mockRestore()
  removed.mockRestore()
  return calls
}

const storedKeys = () => Taro.getStorageInfoSync().keys.filter((key) => key.startsWith(KEY)).sort()

describe('after a restart', () => {
  it('a pull that brings nothing new writes and removes nothing: the pieces read back count as written', async () => {
    const { open } = setup(40)
    await open().getState().refresh()
    const restarted = open()
    expect(restarted.getState().records).toHaveLength(40)
    expect(await storageCallsDuring(() => restarted.getState().refresh())).toEqual({ set: [], removed: [] })
  })

  it('the cache alone (no outbox key) still gives the records back, with nothing queued', async () => {
    const { open } = setup(5)
    const store = open()
    await store.getState().refresh()
    Taro.removeStorageSync(outboxKey(KEY))
    const restarted = open()
    expect(restarted.getState().records.map((record) => record.id)).toEqual(store.getState().records.map((record) => record.id))
    expect(restarted.getState().records.every((record) => record.sync === 'synced')).toBe(true)
    expect(restarted.getState().outbox).toEqual([])
  })

  it('skips what it cannot read: a bucket that is not JSON or not a list, records that do not parse, a malformed outbox', async () => {
    const { open } = setup(3)
    await open().getState().refresh()
    const good = localRecord({ id: 'srv-good', license: license({ vin: vin(99) }) })
    Taro.setStorageSync(cacheKey(KEY, 0), '{not json')
    Taro.setStorageSync(cacheKey(KEY, 1), JSON.stringify({ records: [good] }))
    Taro.setStorageSync(cacheKey(KEY, bucketOf(good.id)), JSON.stringify([good, { id: 'srv-bad' }, 'junk']))
    Taro.setStorageSync(outboxKey(KEY), JSON.stringify({ version: 1, outbox: 'none', local: { id: 'local-x' } }))
    const ids = open()
      .getState()
      .records.map((record) => record.id)
    expect(ids).toContain('srv-good')
    expect(ids).not.toContain('srv-bad')
    expect(open().getState().outbox).toEqual([])
  })

  it('an outbox piece from a newer shape without its lists restores nothing queued, keeps the cache', async () => {
    const { open } = setup(2)
    await open().getState().refresh()
    Taro.setStorageSync(outboxKey(KEY), JSON.stringify({ version: 1 }))
    const restarted = open()
    expect(restarted.getState().records).toHaveLength(2)
    expect(restarted.getState().outbox).toEqual([])
  })

  it('an outbox piece that is not an object is no piece: the cache comes back on its own', async () => {
    const { open } = setup(2)
    await open().getState().refresh()
    Taro.setStorageSync(outboxKey(KEY), JSON.stringify(['not', 'a', 'piece']))
    expect(open().getState().records).toHaveLength(2)
  })
})

describe('writing only what changed', () => {
  it('the same records in another order write nothing (a bucket is stored by id)', async () => {
    const { open } = setup(40)
    const store = open()
    await store.getState().refresh()
    const before = storedKeys().map((key) => [key, Taro.getStorageSync(key)])
    const calls = await storageCallsDuring(() => store.setState({ records: [...store.getState().records].reverse() }))
    expect(calls).toEqual({ set: [], removed: [] })
    expect(storedKeys().map((key) => [key, Taro.getStorageSync(key)])).toEqual(before)
  })

  it('a new store with nothing to store writes only its outbox piece, and removes nothing', async () => {
    const { open } = setup()
    const store = open()
    const calls = await storageCallsDuring(() => store.setState({ lastMessage: 'x' }))
    expect(calls).toEqual({ set: [outboxKey(KEY)], removed: [] })
    expect(await storageCallsDuring(() => store.setState({ lastMessage: 'y' }))).toEqual({ set: [], removed: [] })
  })

  it('a bucket whose last record is gone is removed; the outbox piece records the removal', async () => {
    const { open } = setup(1)
    const store = open()
    await store.getState().refresh()
    const bucket = cacheKey(KEY, bucketOf('srv-1'))
    expect(storedKeys()).toEqual([bucket, outboxKey(KEY)].sort())
    store.getState().remove('srv-1')
    await store.getState().flush()
    expect(storedKeys()).toEqual([outboxKey(KEY)])
    expect(JSON.parse(Taro.getStorageSync(outboxKey(KEY)) as string)).toEqual({ version: 1, outbox: [], local: [] })
    expect(open().getState().records).toEqual([])
  })

  it('a record that stops being synced moves from its bucket to the outbox piece', async () => {
    const { api, open } = setup(1)
    const store = open()
    await store.getState().refresh()
    api.down()
    store.getState().edit('srv-1', license({ vin: vin(0), owner: '李四' }))
    await store.getState().flush()
    expect(storedKeys()).toEqual([outboxKey(KEY)])
    const piece = JSON.parse(Taro.getStorageSync(outboxKey(KEY)) as string) as { local: LocalRecord[]; outbox: unknown[] }
    expect(piece.local.map((record) => [record.id, record.license.owner, record.sync])).toEqual([['srv-1', '李四', 'pending']])
    expect(piece.outbox).toHaveLength(1)
  })
})

describe('a piece whose write failed', () => {
  /** setStorageSync throws for `key` while `failing` says so. */
  function failWrites(key: string) {
    const state = { failing: true }
    const original = Taro.setStorageSync.bind(Taro)
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    jest.spyOn(Taro, 'setStorageSync').mockImplementation((k: string, value: unknown) => {
      if (state.failing && k === key) throw new Error('setStorageSync:fail exceed storage max size')
      return original(k, value)
    })
    return state
  }

  it('is written again with the next change, even a change to another piece', async () => {
    const { api, open } = setup(2)
    const store = open()
    const first = cacheKey(KEY, bucketOf('srv-1'))
    const writes = failWrites(first)
    await store.getState().refresh()
    expect(Taro.getStorageSync(first)).toBe('')
    writes.failing = false
    // Any later set() catches the failed piece up.
    api.staff = true
    store.setState({ lastMessage: null })
    expect((JSON.parse(Taro.getStorageSync(first) as string) as LocalRecord[]).map((record) => record.id)).toContain('srv-1')
    expect(open().getState().records.map((record) => record.id).sort()).toEqual(['srv-1', 'srv-2'])
  })

  it('keeps the earlier single-key value until every piece is stored', () => {
    const old = localRecord({ id: 'srv-9' })
    Taro.setStorageSync(KEY, JSON.stringify({ state: { records: [old], outbox: [] }, version: 1 }))
    const { open } = setup()
    const store = open()
    expect(store.getState().records).toEqual([old])
    const writes = failWrites(cacheKey(KEY, bucketOf('srv-9')))
    store.setState({ records: [...store.getState().records] })
    // The bucket did not fit: the old value is the only stored copy of the record, so it stays.
    expect(Taro.getStorageSync(KEY)).not.toBe('')
    writes.failing = false
    store.setState({ records: [...store.getState().records] })
    expect(Taro.getStorageSync(KEY)).toBe('')
    expect(open().getState().records).toEqual([old])
  })
})

describe('clearing the store', () => {
  it('removes every piece and the old single key; the next change writes its pieces again', async () => {
    const { open } = setup(40)
    const store = open()
    await store.getState().refresh()
    Taro.setStorageSync(KEY, 'old')
    store.persist.clearStorage()
    expect(storedKeys()).toEqual([])
    store.setState({ records: [...store.getState().records] })
    expect(storedKeys()).toEqual([...new Set(store.getState().records.map((record) => cacheKey(KEY, bucketOf(record.id))))].concat(outboxKey(KEY)).sort())
    expect(open().getState().records).toHaveLength(40)
  })

  it('covers all the buckets', () => {
    const storage = createRecordsPersistence(createTaroStateStorage(() => undefined))
    for (let bucket = 0; bucket < CACHE_BUCKETS; bucket++) Taro.setStorageSync(cacheKey(KEY, bucket), '[]')
    Taro.setStorageSync(outboxKey(KEY), '{}')
    storage.removeItem(KEY)
    expect(storedKeys()).toEqual([])
  })
})

describe('bucketOf', () => {
  it('is the 32-bit FNV-1a hash of the id, modulo the bucket count (stable across versions)', () => {
    // Reference values of FNV-1a 32: '' → 0x811c9dc5, 'a' → 0xe40c292c, 'foobar' → 0xbf9cf968.
    expect(bucketOf('')).toBe(0x811c9dc5 % CACHE_BUCKETS)
    expect(bucketOf('a')).toBe(0xe40c292c % CACHE_BUCKETS)
    expect(bucketOf('foobar')).toBe(0xbf9cf968 % CACHE_BUCKETS)
  })

  it('spreads server ids over every bucket', () => {
    const used = new Set(Array.from({ length: 1000 }, (_, i) => bucketOf(`srv-${i}`)))
    expect(used.size).toBe(CACHE_BUCKETS)
    expect(Math.min(...used)).toBe(0)
    expect(Math.max(...used)).toBe(CACHE_BUCKETS - 1)
  })
})
