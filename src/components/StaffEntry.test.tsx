/** @jest-environment jsdom */
// The entry follows what the records list says about the viewer: the real store, its pull through
// the FakeRecordsApi (which answers the first page with the viewer as the records function does).
import { act, fireEvent, render, screen } from '@testing-library/react'
import { calls, resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock } from '../../test/store/fixtures'
import { configureRecordsApi, useRecordsStore } from '../store/records'
import { StaffEntry } from './StaffEntry'

let api: FakeRecordsApi

beforeEach(() => {
  resetTaroHost()
  api = new FakeRecordsApi(tickingClock())
  configureRecordsApi(api)
  useRecordsStore.setState({ records: [], outbox: [], viewer: null, lastPulledAt: null })
})

test('staff see the entry with the number waiting once a pull says so, and it opens the queue', async () => {
  api.staff = true
  for (let i = 0; i < 4; i++) api.serverCreate(license({ plateNum: `粤B1000${i}`, vin: `LSVAM4187C210000${i}` }))
  render(<StaffEntry />)
  expect(screen.queryByText(/待审核/)).toBeNull()
  await act(() => useRecordsStore.getState().refresh())
  fireEvent.click(screen.getByText('待审核 4 条'))
  expect(calls.navigateTo).toEqual(['/pages/staff/index'])
  expect(api.calls.map((c) => c.method)).toEqual(['list'])
})

test('anyone else sees nothing, and a failed pull shows nothing new', async () => {
  const { container } = render(<StaffEntry />)
  await act(() => useRecordsStore.getState().refresh())
  expect(useRecordsStore.getState().viewer).toEqual({ staff: false })
  expect(container.textContent).toBe('')

  api.down()
  await act(() => useRecordsStore.getState().refresh())
  expect(container.textContent).toBe('')
})

test('the entry goes when a pull says the viewer is no longer staff (another H5 identity)', async () => {
  api.staff = true
  const { container } = render(<StaffEntry />)
  await act(() => useRecordsStore.getState().refresh())
  expect(container.textContent).toContain('暂无待审核')
  api.staff = false
  await act(() => useRecordsStore.getState().refresh())
  expect(container.textContent).toBe('')
})
