/** @jest-environment jsdom */
// What a show of the records tab costs in cloud calls: the records list (counted at the fake api)
// and the staff probe (counted at its service), on a clock the test moves.
import { act, render } from '@testing-library/react'
import { calls, pullDownPage, resetTaroHost, showPage } from '../../../test/jest/taro-host'
import { probeStaff } from '../../services/staff-api'
import { configureRecordsApi, PULL_FRESH_MS, useRecordsStore } from '../../store/records'
import { FakeRecordsApi } from '../../../test/store/fake-records-api'
import { license } from '../../../test/store/fixtures'
import RecordsPage from './index'

jest.mock('../../services/staff-api', () => ({ probeStaff: jest.fn() }))
const probe = probeStaff as jest.MockedFunction<typeof probeStaff>

const START = Date.UTC(2024, 5, 1, 8, 0, 0)
let api: FakeRecordsApi

/** Every cloud call so far: records api calls and staff probes. */
const cloudCalls = () => [...api.calls.map((c) => c.method), ...probe.mock.calls.map(() => 'staffQueue')].sort()

/** A page show, and whatever it sends settling. */
async function show() {
  await act(async () => {
    showPage()
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
}

const advance = (ms: number) => jest.setSystemTime(Date.now() + ms)

beforeAll(() => {
  // jsdom hides Node's structuredClone, which the fake api copies with; its data is plain JSON.
  globalThis.structuredClone ??= <T,>(value: T): T => JSON.parse(JSON.stringify(value))
})

beforeEach(() => {
  // Only the clock is faked: promises and timers run as usual.
  jest.useFakeTimers({
    now: START,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  })
  resetTaroHost()
  api = new FakeRecordsApi(() => new Date())
  configureRecordsApi(api)
  useRecordsStore.setState({ records: [], outbox: [], lastPulledAt: null })
  probe.mockReset().mockResolvedValue({ ok: true, staff: false })
})

afterEach(() => jest.useRealTimers())

test('shows within 30 s of a pull make no call; a later show makes one; pull-to-refresh always pulls', async () => {
  api.serverCreate(license())
  render(<RecordsPage />)
  await show() // the first show: the list, and whether this user is staff
  expect(cloudCalls()).toEqual(['list', 'staffQueue'])
  expect(useRecordsStore.getState().records).toHaveLength(1)

  advance(10_000)
  await show()
  advance(PULL_FRESH_MS - 10_001)
  await show()
  expect(cloudCalls()).toEqual(['list', 'staffQueue'])

  advance(1)
  await show() // stale now: one pull, and "not staff" is not asked again
  expect(cloudCalls()).toEqual(['list', 'list', 'staffQueue'])

  await act(async () => {
    pullDownPage()
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
  expect(cloudCalls()).toEqual(['list', 'list', 'list', 'staffQueue'])
  expect(calls.stopPullDownRefresh).toBe(1)
})

test('a record confirmed since the last pull is sent on the next show, with no pull', async () => {
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

test('staff see their count refreshed at most once per 30 s of shows', async () => {
  probe.mockResolvedValue({ ok: true, staff: true, counts: { pending: 2, verified: 0, rejected: 0 } })
  render(<RecordsPage />)
  await show()
  advance(PULL_FRESH_MS - 1)
  await show()
  expect(cloudCalls()).toEqual(['list', 'staffQueue'])

  advance(1)
  await show()
  expect(cloudCalls()).toEqual(['list', 'list', 'staffQueue', 'staffQueue'])
})
