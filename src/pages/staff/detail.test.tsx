/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { answerModals, calls, resetTaroHost, setRouterParams } from '../../../test/jest/taro-host'
import { staffApi } from '../../services/staff-api'
import StaffRecordPage from './detail'
import { createdEntry, makeRecord, vinIssue } from '../../../test/fixtures/staff'

// NutUI's Dialog listens on Taro's eventCenter, which the shared test host does not provide.
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  ...jest.requireActual('@tarojs/taro'),
  eventCenter: { on: () => undefined, off: () => undefined, trigger: () => undefined },
}))
jest.mock('../../services/staff-api', () => ({
  ...jest.requireActual('../../services/staff-api'),
  staffApi: { queue: jest.fn(), get: jest.fn(), verify: jest.fn(), reject: jest.fn(), reopen: jest.fn(), exportCsv: jest.fn() },
}))
const api = staffApi as jest.Mocked<typeof staffApi>

beforeEach(() => {
  resetTaroHost()
  jest.clearAllMocks()
  setRouterParams({ id: 'rec1' })
  api.get.mockResolvedValue({ ok: true, record: makeRecord(), issues: [vinIssue], audit: [createdEntry] })
})

async function renderLoaded() {
  const view = render(<StaffRecordPage />)
  await screen.findByText('字段对比（高亮为车主修改过的字段）')
  return view
}

const row = (container: HTMLElement, field: string) => container.querySelector(`[data-field="${field}"]`)!

test('recognized and confirmed values side by side; changed fields are highlighted, checks shown', async () => {
  const { container } = await renderLoaded()
  const owner = row(container, 'owner')
  expect(owner.className).toContain('field-compare__row--differs')
  expect(owner.querySelector('.field-compare__value--recognized')!.textContent).toBe('张三')
  expect(owner.querySelector('.field-compare__value--confirmed')!.textContent).toBe('张三丰')
  expect(owner.textContent).toContain('已修改')
  expect(row(container, 'plateNum').className).not.toContain('field-compare__row--differs')
  expect(container.querySelectorAll('.field-compare__row--differs')).toHaveLength(1)

  // The server's VIN finding is in the summary and on the field.
  expect(container.querySelector('[data-code="VIN_CHECK_DIGIT"]')!.textContent).toContain('校验位不符')
  expect(row(container, 'vin').className).toContain('field-compare__row--error')
  expect(screen.getByText('提交')).toBeTruthy()
})

test('rejecting without a reason shows an inline error and sends nothing; with one it is sent trimmed', async () => {
  await renderLoaded()
  fireEvent.click(screen.getByText('驳回'))
  fireEvent.click(await screen.findByText('确认驳回'))
  expect(screen.getByText('请填写驳回原因')).toBeTruthy()
  expect(api.reject).not.toHaveBeenCalled()

  api.reject.mockResolvedValue({ ok: true, record: makeRecord({ status: 'rejected', rejectReason: '照片模糊', version: 2 }) })
  api.get.mockResolvedValue({ ok: true, record: makeRecord({ status: 'rejected', rejectReason: '照片模糊', version: 2 }), issues: [], audit: [createdEntry] })
  fireEvent.change(document.querySelector('.reject-dialog textarea')!, { target: { value: '  照片模糊  ' } })
  expect(screen.queryByText('请填写驳回原因')).toBeNull()
  await act(async () => void fireEvent.click(screen.getByText('确认驳回')))

  expect(api.reject).toHaveBeenCalledWith('rec1', 1, '照片模糊')
  await screen.findByText('驳回原因：照片模糊')
  expect(calls.toasts).toContain('已驳回')
  expect(screen.getByText('重新打开')).toBeTruthy()
})

test('a version conflict refreshes the record and says why', async () => {
  await renderLoaded()
  const current = makeRecord({ status: 'verified', version: 2 })
  api.verify.mockResolvedValue({ ok: false, error: { code: 'VERSION_CONFLICT', message: '记录已被他人修改，请刷新后重试', current } })
  api.get.mockResolvedValue({ ok: true, record: current, issues: [], audit: [createdEntry] })

  // A record with errors asks first; the staff member confirms.
  answerModals('confirm')
  await act(async () => void fireEvent.click(screen.getByText('核验通过（有 1 个错误）')))
  expect(calls.modals[0]).toContain('1 个错误')
  expect(api.verify).toHaveBeenCalledWith('rec1', 1)
  await waitFor(() => expect(screen.getByText(/已刷新为最新状态/).textContent).toContain('VERSION_CONFLICT'))
  expect(screen.getByText('已核验')).toBeTruthy()
  expect(api.get).toHaveBeenCalledTimes(2)
})

test('a non-staff caller sees that the page is for staff only, with the code', async () => {
  api.get.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } })
  render(<StaffRecordPage />)
  expect(await screen.findByText('仅核验人员可访问')).toBeTruthy()
  expect(screen.getByText(/FORBIDDEN/)).toBeTruthy()
})
