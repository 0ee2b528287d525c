/** @jest-environment jsdom */
// Issue 12 on the staff detail: the owner's photos beside the fields (front and back, zoomable),
// or 无证件照片 / 照片已按规定删除 when there are none.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { AuditEntry } from '../../contract/records'
import { resetTaroHost, setRouterParams } from '../../../test/jest/taro-host'
import { EVIDENCE_DELETED_TEXT, NO_EVIDENCE_TEXT } from '../../components/evidence-text'
import { evidenceUrls } from '../../services/evidence'
import { staffApi } from '../../services/staff-api'
import StaffRecordPage from './detail'
import { createdEntry, makeRecord, vinIssue } from '../../../test/fixtures/staff'

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  ...jest.requireActual('@tarojs/taro'),
  eventCenter: { on: () => undefined, off: () => undefined, trigger: () => undefined },
}))
jest.mock('../../services/staff-api', () => ({
  ...jest.requireActual('../../services/staff-api'),
  staffApi: { queue: jest.fn(), get: jest.fn(), verify: jest.fn(), reject: jest.fn(), reopen: jest.fn(), exportCsv: jest.fn() },
}))
jest.mock('../../services/evidence', () => ({ evidenceUrls: jest.fn() }))
const api = staffApi as jest.Mocked<typeof staffApi>
const urls = evidenceUrls as jest.MockedFunction<typeof evidenceUrls>

const FRONT_URL = '/api/evidence/token-front'
const BACK_URL = '/api/evidence/token-back'
const bothSides = [
  { side: 'front' as const, attachedAt: '2024-05-01T02:00:00.000Z' },
  { side: 'back' as const, attachedAt: '2024-05-01T02:00:00.000Z' },
]
const sweptEntry: AuditEntry = {
  id: 'a3',
  recordId: 'rec1',
  actor: 'system',
  action: 'evidenceDeleted',
  at: '2024-06-01T02:00:00.000Z',
  previousStatus: 'verified',
  nextStatus: 'verified',
  reason: 'retention',
}
const previewImage = jest.fn()

beforeEach(() => {
  resetTaroHost()
  jest.clearAllMocks()
  previewImage.mockResolvedValue({ errMsg: 'previewImage:ok' })
  Object.assign(Taro, { previewImage })
  setRouterParams({ id: 'rec1' })
  urls.mockResolvedValue({
    ok: true,
    photos: [
      { side: 'front', url: FRONT_URL, expiresAt: '2024-05-01T02:10:00.000Z' },
      { side: 'back', url: BACK_URL, expiresAt: '2024-05-01T02:10:00.000Z' },
    ],
  })
})

test('front and back beside the fields, labelled, zoomable; the differing fields still highlighted', async () => {
  api.get.mockResolvedValue({ ok: true, record: makeRecord({ evidence: bothSides }), issues: [vinIssue], audit: [createdEntry] })
  const { container } = render(<StaffRecordPage />)
  await waitFor(() => expect(container.querySelectorAll('.staff-detail__evidence .license-photo img')).toHaveLength(2))
  expect(urls).toHaveBeenCalledWith('rec1')
  const images = Array.from(container.querySelectorAll('.staff-detail__evidence .license-photo img')).map((img) => img.getAttribute('src'))
  expect(images).toEqual([FRONT_URL, BACK_URL])
  expect(Array.from(container.querySelectorAll('.license-photo__label')).map((l) => l.textContent)).toEqual(['主页', '副页'])
  // Beside the comparison: both in one row container, the photos first.
  const row = container.querySelector('.staff-detail__evidence-compare')!
  expect(row.querySelector('.staff-detail__evidence')).toBeTruthy()
  expect(row.querySelector('.field-compare')).toBeTruthy()
  expect(container.querySelector('[data-field="owner"]')!.className).toContain('field-compare__row--differs')

  fireEvent.click(screen.getAllByLabelText('查看行驶证照片大图')[1])
  expect(previewImage).toHaveBeenCalledWith({ urls: [FRONT_URL, BACK_URL], current: BACK_URL })
  expect(screen.queryByText(NO_EVIDENCE_TEXT)).toBeNull()
})

test('a record sent without a photo says 无证件照片 and asks for no URL', async () => {
  api.get.mockResolvedValue({ ok: true, record: makeRecord(), issues: [], audit: [createdEntry] })
  render(<StaffRecordPage />)
  expect(await screen.findByText(NO_EVIDENCE_TEXT)).toBeTruthy()
  expect(urls).not.toHaveBeenCalled()
})

test('photos deleted on schedule: 照片已按规定删除', async () => {
  api.get.mockResolvedValue({ ok: true, record: makeRecord({ status: 'verified', version: 3 }), issues: [], audit: [createdEntry, sweptEntry] })
  render(<StaffRecordPage />)
  expect(await screen.findByText(EVIDENCE_DELETED_TEXT)).toBeTruthy()
  expect(screen.queryByText(NO_EVIDENCE_TEXT)).toBeNull()
})

test('deleted between staffGet and evidenceUrl (no photos come back): also 照片已按规定删除', async () => {
  api.get.mockResolvedValue({ ok: true, record: makeRecord({ evidence: bothSides }), issues: [], audit: [createdEntry] })
  urls.mockResolvedValue({ ok: true, photos: [] })
  render(<StaffRecordPage />)
  expect(await screen.findByText(EVIDENCE_DELETED_TEXT)).toBeTruthy()
})

test('an expired URL (the image fails to load) is asked for once more', async () => {
  api.get.mockResolvedValue({ ok: true, record: makeRecord({ evidence: [bothSides[0]] }), issues: [], audit: [createdEntry] })
  urls.mockResolvedValueOnce({ ok: true, photos: [{ side: 'front', url: '/api/evidence/old', expiresAt: '' }] })
  urls.mockResolvedValue({ ok: true, photos: [{ side: 'front', url: FRONT_URL, expiresAt: '' }] })
  const { container } = render(<StaffRecordPage />)
  await waitFor(() => expect(container.querySelector('.license-photo img')?.getAttribute('src')).toBe('/api/evidence/old'))
  fireEvent.error(container.querySelector('.license-photo img')!)
  await waitFor(() => expect(container.querySelector('.license-photo img')?.getAttribute('src')).toBe(FRONT_URL))
  expect(urls).toHaveBeenCalledTimes(2)
})
