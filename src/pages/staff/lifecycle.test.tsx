/** @jest-environment jsdom */
// The staff queue as the page lifecycle drives it: scrolling to the bottom loads the next page (once
// per page, not past the end); the first show is the initial load, a later show (back from a record)
// reloads.
import { act, render, screen } from '@testing-library/react'
import { reachBottom, resetTaroHost, showPage } from '../../../test/jest/taro-host'
import { counts, makeRecord } from '../../../test/fixtures/staff'
import { staffApi } from '../../services/staff-api'
import StaffQueuePage from './index'

jest.mock('../../services/staff-api', () => ({
  ...jest.requireActual('../../services/staff-api'),
  staffApi: { queue: jest.fn(), get: jest.fn(), verify: jest.fn(), reject: jest.fn(), reopen: jest.fn(), exportCsv: jest.fn() },
}))
const api = staffApi as jest.Mocked<typeof staffApi>

const page = (from: number, n: number, nextOffset: number | null) => ({
  ok: true as const,
  records: Array.from({ length: n }, (_, i) => makeRecord({ id: `rec${from + i}`, license: { ...makeRecord().license, plateNum: `粤B${String(from + i).padStart(5, '0')}` } })),
  nextOffset,
  counts: counts(25, 0, 0),
})

beforeEach(() => {
  resetTaroHost()
  jest.clearAllMocks()
})

test('reaching the bottom loads the next page; at the end it asks no more; a later show reloads', async () => {
  api.queue.mockResolvedValueOnce(page(0, 20, 20)).mockResolvedValueOnce(page(20, 5, null)).mockResolvedValue(page(0, 20, 20))
  render(<StaffQueuePage />)
  act(() => showPage()) // Taro shows the page right after mounting it: that is the initial load, not a reload
  await screen.findByText('粤B00000')
  expect(api.queue).toHaveBeenCalledTimes(1)

  await act(async () => reachBottom())
  await screen.findByText('粤B00024')
  expect(api.queue).toHaveBeenLastCalledWith({ status: 'pending', offset: 20, limit: 20 })

  await act(async () => reachBottom())
  expect(api.queue).toHaveBeenCalledTimes(2)

  await act(async () => showPage()) // back from a record: re-reads what was loaded
  expect(api.queue).toHaveBeenCalledTimes(3)
  expect(api.queue).toHaveBeenLastCalledWith({ status: 'pending', offset: 0, limit: 25 })
}, 30_000)
