/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { calls, resetTaroHost } from '../../../test/jest/taro-host'
import { staffApi } from '../../services/staff-api'
import StaffQueuePage from './index'
import { counts, makeRecord } from '../../../test/fixtures/staff'

jest.mock('../../services/staff-api', () => ({
  ...jest.requireActual('../../services/staff-api'),
  staffApi: { queue: jest.fn(), get: jest.fn(), verify: jest.fn(), reject: jest.fn(), reopen: jest.fn(), exportCsv: jest.fn() },
}))
const api = staffApi as jest.Mocked<typeof staffApi>

beforeEach(() => {
  resetTaroHost()
  jest.clearAllMocks()
})

test('shows the pending queue with counts per status, pages on, and switches tabs', async () => {
  api.queue
    .mockResolvedValueOnce({ ok: true, records: [makeRecord()], nextOffset: 20, counts: counts(21, 3, 1) })
    .mockResolvedValueOnce({ ok: true, records: [makeRecord({ id: 'rec2', license: { ...makeRecord().license, plateNum: '粤B99999' } })], nextOffset: null, counts: counts(21, 3, 1) })
    .mockResolvedValueOnce({ ok: true, records: [makeRecord({ id: 'rec3', status: 'rejected', rejectReason: '照片模糊' })], nextOffset: null, counts: counts(21, 3, 1) })
  render(<StaffQueuePage />)

  await screen.findByText('待审核 21')
  expect(screen.getByText('已核验 3')).toBeTruthy()
  expect(screen.getByText('已驳回 1')).toBeTruthy()
  expect(api.queue).toHaveBeenLastCalledWith({ status: 'pending', offset: 0, limit: 20 })
  expect(screen.getByText('改动 1 项')).toBeTruthy()

  fireEvent.click(screen.getByText('加载更多'))
  await screen.findByText('粤B99999')
  expect(api.queue).toHaveBeenLastCalledWith({ status: 'pending', offset: 20, limit: 20 })
  expect(screen.getByText('已显示全部 2 条')).toBeTruthy()

  fireEvent.click(screen.getByText('已驳回 1'))
  await screen.findByText('驳回原因：照片模糊')
  expect(api.queue).toHaveBeenLastCalledWith({ status: 'rejected', offset: 0, limit: 20 })

  fireEvent.click(document.querySelector('[data-id="rec3"]')!)
  expect(calls.navigateTo).toEqual(['/pages/staff/detail?id=rec3'])
})

test('a non-staff caller sees that the page is for staff only, with the code', async () => {
  api.queue.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } })
  render(<StaffQueuePage />)
  expect(await screen.findByText('仅核验人员可访问')).toBeTruthy()
  expect(screen.getByText('没有权限执行此操作（FORBIDDEN）')).toBeTruthy()
})

test('export asks for the verified records of the last 30 days when no range is chosen', async () => {
  api.queue.mockResolvedValue({ ok: true, records: [], nextOffset: null, counts: counts(0, 0, 0) })
  api.exportCsv.mockResolvedValue({ ok: true, csv: '', filename: 'x.csv', count: 0, truncated: false })
  render(<StaffQueuePage />)
  await screen.findByText('没有待审核的记录')
  await act(async () => void fireEvent.click(screen.getByText('导出 CSV')))
  const [from, to] = api.exportCsv.mock.calls[0]
  expect(Date.parse(to) - Date.parse(from)).toBe(29 * 24 * 3600 * 1000)
  await waitFor(() => expect(calls.toasts).toContain('该日期范围内没有已核验的记录'))
})
