/** @jest-environment jsdom */
// What a show of the records tab costs in cloud calls (counted at the fake api: the records list,
// which also says whether the user is staff, and writes), on a clock the test moves.
import { act, render } from '@testing-library/react'
import { calls, pullDownPage, resetTaroHost, showPage } from '../../../test/jest/taro-host'
import { configureRecordsApi, PULL_FRESH_MS, useRecordsStore } from '../../store/records'
import { FakeRecordsApi } from '../../../test/store/fake-records-api'
import { license } from '../../../test/store/fixtures'
import RecordsPage from './index'

const START = Date.UTC(2024, 5, 1, 8, 0, 0)
let api: FakeRecordsApi

/** Every cloud call so far. */
const cloudCalls = () => api.calls.map((c) => c.method)

/** A page show, and whatever it sends settling. */
async function show() {
  await act(async () => {
    showPage()
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
}

const advance = (ms: number) => jest.setSystemTime(Date.now() + ms)

beforeEach(() => {
  // Only the clock is faked: promises and timers run as usual.
  jest.useFakeTimers({
    now: START,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  })
  resetTaroHost()
  api = new FakeRecordsApi(() => new Date())
  configureRecordsApi(api)
  useRecordsStore.setState({ records: [], outbox: [], lastPulledAt: null, viewer: null })
})

afterEach(() => jest.useRealTimers())

test('shows within 30 s of a pull make no call; a later show makes one; pull-to-refresh always pulls', async () => {
  api.serverCreate(license())
  render(<RecordsPage />)
  await show() // the first show: the list, which also says whether this user is staff
  expect(cloudCalls()).toEqual(['list'])
  expect(useRecordsStore.getState().records).toHaveLength(1)

  advance(10_000)
  await show()
  advance(PULL_FRESH_MS - 10_001)
  await show()
  expect(cloudCalls()).toEqual(['list'])

  advance(1)
  await show() // stale now: one pull
  expect(cloudCalls()).toEqual(['list', 'list'])

  await act(async () => {
    pullDownPage()
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
  expect(cloudCalls()).toEqual(['list', 'list', 'list'])
  expect(calls.stopPullDownRefresh).toBe(1)
})

test('a record confirmed since the last pull is sent by the confirm; the next show makes no call', async () => {
  render(<RecordsPage />)
  await show()
  const before = cloudCalls().length

  advance(5_000)
  act(() => void useRecordsStore.getState().confirm(license(), license()))
  await show()
  expect(cloudCalls().length - before).toBe(1)
  expect(api.calls.at(-1)!.method).toBe('create')
  expect(useRecordsStore.getState().records[0]).toMatchObject({ id: 'srv-1', sync: 'synced' })
})

test('staff see their entry and count from the same single call per show, refreshed at most once per 30 s', async () => {
  api.staff = true
  api.serverCreate(license())
  const page = render(<RecordsPage />)
  await show()
  expect(page.container.textContent).toContain('待审核 1 条')
  advance(PULL_FRESH_MS - 1)
  await show()
  expect(cloudCalls()).toEqual(['list'])

  api.serverCreate(license({ plateNum: '粤B54321', vin: 'LSVAM4187C2100009' }))
  advance(1)
  await show()
  expect(cloudCalls()).toEqual(['list', 'list'])
  expect(page.container.textContent).toContain('待审核 2 条')
})
