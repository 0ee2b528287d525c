/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { PHOTO_GONE_TEXT } from '../../components/LicensePhotos'
import { useDraftStore } from '../../store/draft'
import { photosOf, useRecordPhotos } from '../../store/record-photos'
import { configureRecordsApi, useRecordsStore } from '../../store/records'
import { FakeRecordsApi } from '../../../test/store/fake-records-api'
import { calls, resetTaroHost } from '../../../test/jest/taro-host'
import { recognizedLicense } from '../../../test/fixtures/license'
import ReviewPage from './index'

const recognized = recognizedLicense

const input = (container: HTMLElement, field: string) =>
  container.querySelector(`[data-field="${field}"] input`) as HTMLInputElement

beforeEach(() => {
  resetTaroHost()
  act(() => {
    useDraftStore.getState().clear()
    useDraftStore.getState().startFromRecognition({ license: recognized, confidence: { owner: 0.5 }, warnings: ['图片可能模糊'], provider: 'paddle', mode: 'photo' })
  })
})

test('shows every recognized field, flags low confidence and quality warnings', () => {
  const { container } = render(<ReviewPage />)
  expect(input(container, 'plateNum').value).toBe('粤B12345')
  expect(input(container, 'vin').value).toBe('LSVNV2183E2100108')
  expect(container.querySelectorAll('[data-field]')).toHaveLength(15)
  expect(container.querySelector('[data-field="owner"]')!.className).toContain('field-row--low')
  expect(screen.getByText('图片可能模糊')).toBeTruthy()
})

test('an edited VIN with a bad check digit shows the error; reset restores the recognized value', () => {
  const { container } = render(<ReviewPage />)
  fireEvent.change(input(container, 'vin'), { target: { value: 'LSVNV2184E2100108' } })
  const row = container.querySelector('[data-field="vin"]')!
  expect(row.className).toContain('field-row--error')
  expect(row.textContent).toContain('校验位')
  fireEvent.click(screen.getByText('还原'))
  expect(input(container, 'vin').value).toBe('LSVNV2183E2100108')
  expect(container.querySelector('[data-field="vin"]')!.className).not.toContain('field-row--error')
})

test('confirm is refused while errors remain, and saves once they are fixed', () => {
  const { container } = render(<ReviewPage />)
  fireEvent.change(input(container, 'plateNum'), { target: { value: '粤B1234' } })
  fireEvent.click(screen.getByText('确认保存'))
  expect(calls.toasts).toEqual(['还有 1 处需要修改'])
  expect(useDraftStore.getState().draft).not.toBeNull()

  fireEvent.change(input(container, 'plateNum'), { target: { value: '粤B12346' } })
  fireEvent.click(screen.getByText('确认保存'))
  expect(useDraftStore.getState().draft).toBeNull()
  expect(calls.switchTab).toEqual(['/pages/records/index'])
})

describe('the photo beside the fields', () => {
  const PHOTO = 'blob:http://127.0.0.1/photo-1'
  const previewImage = jest.fn()

  beforeEach(() => {
    previewImage.mockReset().mockResolvedValue({ errMsg: 'previewImage:ok' })
    Object.assign(Taro, { previewImage })
    act(() => {
      useDraftStore.getState().startFromRecognition({ license: recognized, confidence: { owner: 0.5, vin: 0.99 }, provider: 'paddle', photoPath: PHOTO })
    })
  })

  test('shows above the form and opens the viewer on a tap', () => {
    const { container } = render(<ReviewPage />)
    const image = container.querySelector('.license-photo img')!
    expect(image.getAttribute('src')).toBe(PHOTO)
    const form = container.querySelector('.review-page__form')!
    expect(image.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()

    fireEvent.click(screen.getByLabelText('查看行驶证照片大图'))
    expect(previewImage).toHaveBeenCalledWith({ urls: [PHOTO], current: PHOTO })
  })

  test('a photo that no longer loads (H5 after a reload, an expired temp file) leaves a notice', () => {
    const { container } = render(<ReviewPage />)
    fireEvent.error(container.querySelector('.license-photo img')!)
    expect(screen.getByText(PHOTO_GONE_TEXT)).toBeTruthy()
    expect(container.querySelector('.license-photo img')).toBeNull()
    expect(input(container, 'plateNum').value).toBe('粤B12345') // the form stays usable
  })

  test('no photo, no frame', () => {
    act(() => useDraftStore.getState().startFromRecognition({ license: recognized, provider: 'paddle' }))
    const { container } = render(<ReviewPage />)
    expect(container.querySelector('.license-photos')).toBeNull()
  })

  test('low-confidence fields carry a 请核对 badge until the user edits them', () => {
    const { container } = render(<ReviewPage />)
    const badges = () => Array.from(container.querySelectorAll('.field-row__badge')).map((b) => b.closest('[data-field]')!.getAttribute('data-field'))
    expect(badges()).toEqual(['owner'])
    expect(container.querySelector('[data-field="owner"] .field-row__badge')!.textContent).toBe('请核对')
    expect(screen.getByText('1 项标有“请核对”，请对照照片确认')).toBeTruthy()

    fireEvent.change(input(container, 'owner'), { target: { value: '张三丰' } })
    expect(badges()).toEqual([])
  })

  test('confirming keeps the photo with the record on this device, never sending it', async () => {
    const api = new FakeRecordsApi(() => new Date())
    configureRecordsApi(api)
    act(() => useRecordsStore.setState({ records: [], outbox: [] }))
    render(<ReviewPage />)
    fireEvent.click(screen.getByText('确认保存'))
    await waitFor(() => expect(useRecordsStore.getState().records[0]?.id).toBe('srv-1'))
    expect(photosOf(useRecordPhotos.getState(), 'srv-1')).toEqual([PHOTO])
    expect(JSON.stringify(api.calls)).not.toContain(PHOTO)
  })
})
