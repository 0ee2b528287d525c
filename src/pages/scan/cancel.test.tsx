/** @jest-environment jsdom */
// The scan page's cancel, end to end on H5: the page's recognition runs through the real flow and the
// H5 gateway against a fetch-level local backend; 取消 during a stage puts the page back to idle at
// once, the answer that comes later is dropped, and the next scan works.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { createLocalBackend, type LocalBackend } from '../../../test/fakes/local-backend-fetch'
import { calls, resetTaroHost } from '../../../test/jest/taro-host'
import { preparePhoto } from '../../services/image-prep'
import { pickPhoto } from '../../services/pick-photo'
import { useDraftStore } from '../../store/draft'
import ScanPage from './index'

jest.mock('../../services/pick-photo', () => ({ pickPhoto: jest.fn() }))
jest.mock('../../services/image-prep', () => ({ preparePhoto: jest.fn() }))
jest.mock('../../services/evidence-files', () => ({ evidenceFiles: { keep: jest.fn(async () => null), discard: jest.fn(async () => undefined) } }))

const PHOTO = { path: 'blob:http://localhost/prepared', width: 1600, height: 1000, bytes: 300_000 }
const RECOGNITION = {
  license: { plateNum: '粤B11111', vin: 'LSVAM4187C2184847' },
  recognized: { plateNum: '粤B11111', vin: 'LSVAM4187C2184847' },
  confidence: {},
  issues: [],
  warnings: [],
  provider: 'fake',
}

let backend: LocalBackend

beforeEach(() => {
  resetTaroHost()
  useDraftStore.getState().clear()
  backend = createLocalBackend()
  backend.on('/api/upload', () => ({ ok: true, fileID: 'local://uploads/dev-user/u1.jpg' }))
  backend.on('/api/fn/recognizeVehicleLicense', () => ({ ok: true, ...RECOGNITION }))
  globalThis.fetch = backend.fetch as typeof fetch
  ;(pickPhoto as jest.Mock).mockResolvedValue('blob:http://localhost/original')
  ;(preparePhoto as jest.Mock).mockResolvedValue({ ok: true, photo: PHOTO })
})

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)))
const progress = () => document.querySelector('.scan-page__progress')
const shutterDisabled = () => document.querySelector('.scan-page__shutter')!.classList.contains('scan-page__shutter--disabled')

async function waitForText(text: string) {
  for (let i = 0; i < 50 && !screen.queryByText(text); i++) await settle()
  expect(screen.getByText(text)).toBeTruthy()
}

it.each([
  ['uploading', '/api/upload', '正在上传…'],
  ['recognizing', '/api/fn/recognizeVehicleLicense', '正在识别…'],
])('cancel while %s: back to idle at once, the late answer is dropped, the next scan goes through', async (_stage, path, text) => {
  const release = backend.hold(path)
  render(<ScanPage />)
  await act(async () => void fireEvent.click(screen.getByText('相册')))
  await waitForText(text)
  expect(shutterDisabled()).toBe(true)

  await act(async () => void fireEvent.click(screen.getByText('取消')))
  expect(progress()).toBeNull()
  expect(shutterDisabled()).toBe(false)
  expect(screen.queryByRole('alert')).toBeNull()
  expect(backend.paths().at(-1)).toBe(`POST ${path} (aborted)`)

  release()
  await settle()
  await settle()
  // Nothing of the cancelled scan arrives: still idle, no error, no draft, no navigation.
  expect(progress()).toBeNull()
  expect(screen.queryByRole('alert')).toBeNull()
  expect(useDraftStore.getState().draft).toBeNull()
  expect(calls.navigateTo).toEqual([])

  await act(async () => void fireEvent.click(screen.getByText('相册')))
  for (let i = 0; i < 50 && calls.navigateTo.length === 0; i++) await settle()
  expect(calls.navigateTo).toEqual(['/pages/review/index'])
  expect(useDraftStore.getState().draft?.license.plateNum).toBe('粤B11111')
  expect(progress()).toBeNull()
})
