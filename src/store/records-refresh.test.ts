// The refresh policy for page shows: at most the queued writes and one pull, and no call at all
// while nothing is queued and the last pull is fresh. Counted at the api port, on an injected clock.
import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { createRecordsStore, PULL_FRESH_MS, type RecordsStore } from './records'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license } from '../../test/store/fixtures'

const KEY = 'vls-records-refresh-test'

function setup() {
  let time = Date.UTC(2024, 5, 1, 8, 0, 0)
  const clock = () => new Date(time)
  const api = new FakeRecordsApi(clock)
  let uuid = 0
  const store: RecordsStore = createRecordsStore(api, KEY, { now: clock, newUuid: () => `u${++uuid}` })
  const advance = (ms: number) => void (time += ms)
  return { api, store, advance }
}

beforeEach(() => resetTaroHost())

it('the first show pulls; another show within 30 s makes no call; after that it pulls again', async () => {
  const { api, store, advance } = setup()
  api.serverCreate(license())

  expect(await store.getState().refreshIfStale()).toEqual({ ok: true, count: 1 })
  expect(api.calls.map((c) => c.method)).toEqual(['list'])

  advance(PULL_FRESH_MS - 1)
  expect(await store.getState().refreshIfStale()).toBeNull()
  expect(api.calls).toHaveLength(1)

  advance(1)
  expect(await store.getState().refreshIfStale()).toEqual({ ok: true, count: 1 })
  expect(api.calls.map((c) => c.method)).toEqual(['list', 'list'])
})

it('a show within 30 s sends what is queued and pulls nothing', async () => {
  const { api, store, advance } = setup()
  await store.getState().refreshIfStale()
  advance(5_000)
  store.getState().confirm(license(), license())

  expect(await store.getState().refreshIfStale()).toBeNull()
  expect(api.calls.map((c) => c.method)).toEqual(['list', 'create'])
  expect(store.getState().records[0]).toMatchObject({ id: 'srv-1', sync: 'synced' })
})

it('a show while the confirm is still being sent shares that send', async () => {
  const { api, store } = setup()
  await store.getState().refreshIfStale()
  store.getState().confirm(license(), license())
  const release = api.hold()
  const sending = store.getState().flush() // the review page's confirm
  const shown = store.getState().refreshIfStale() // the records tab shows meanwhile
  release()
  await Promise.all([sending, shown])
  expect(api.calls.map((c) => c.method)).toEqual(['list', 'create'])
})

it('pull-to-refresh always pulls, even right after a pull', async () => {
  const { api, store } = setup()
  await store.getState().refreshIfStale()
  await store.getState().refresh()
  expect(api.calls.map((c) => c.method)).toEqual(['list', 'list'])
})

it('a show while a pull is in flight shares it', async () => {
  const { api, store } = setup()
  const release = api.hold()
  const first = store.getState().refreshIfStale()
  const second = store.getState().refreshIfStale()
  release()
  expect(await second).toEqual(await first)
  expect(api.calls).toHaveLength(1)
})

it('a failed pull is not fresh: the next show tries once more', async () => {
  const { api, store } = setup()
  api.down('list')
  expect(await store.getState().refreshIfStale()).toMatchObject({ ok: false, error: { code: 'NETWORK' } })
  api.up()
  expect(await store.getState().refreshIfStale()).toEqual({ ok: true, count: 0 })
  expect(api.calls.map((c) => c.method)).toEqual(['list', 'list'])
})

it('freshness is not persisted: after a restart the first show pulls', async () => {
  const { api, store } = setup()
  await store.getState().refreshIfStale()
  for (const key of Taro.getStorageInfoSync().keys) expect(String(Taro.getStorageSync(key))).not.toContain('lastPulledAt')

  const restarted = createRecordsStore(api, KEY, { now: () => new Date(Date.UTC(2024, 5, 1, 8, 0, 1)) })
  await restarted.getState().refreshIfStale()
  expect(api.calls.map((c) => c.method)).toEqual(['list', 'list'])
})
