/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { calls, resetTaroHost } from '../../../test/jest/taro-host'
import { gateway } from '../../services/gateway'
import { StaffEntry } from './StaffEntry'
import { counts } from '../../../test/fixtures/staff'

// At the gateway, so the probe in staff-api (FORBIDDEN -> not staff) is exercised too.
jest.mock('../../services/gateway', () => ({ gateway: { call: jest.fn() } }))
const call = gateway.call as jest.Mock

beforeEach(() => {
  resetTaroHost()
  call.mockReset()
})

test('staff see the entry with the number waiting, and it opens the queue', async () => {
  call.mockResolvedValue({ ok: true, records: [], nextOffset: null, counts: counts(4, 1, 0) })
  render(<StaffEntry />)
  fireEvent.click(await screen.findByText('待审核 4 条'))
  expect(call).toHaveBeenCalledWith('records', { action: 'staffQueue', status: 'pending', limit: 1 })
  expect(calls.navigateTo).toEqual(['/pages/staff/index'])
})

test('anyone else sees nothing: FORBIDDEN, or a probe that failed', async () => {
  call.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } })
  const { container, unmount } = render(<StaffEntry />)
  await waitFor(() => expect(call).toHaveBeenCalled())
  expect(container.textContent).toBe('')
  unmount()

  call.mockResolvedValue({ ok: false, error: { code: 'NETWORK', message: '网络异常' } })
  const second = render(<StaffEntry />)
  await waitFor(() => expect(call).toHaveBeenCalledTimes(2))
  expect(second.container.textContent).toBe('')
})
