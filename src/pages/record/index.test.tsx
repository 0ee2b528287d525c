/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { answerModals, calls, resetTaroHost, setRouterParams } from '../../../test/jest/taro-host'
import { useDraftStore } from '../../store/draft'
import { useRecordPhotos } from '../../store/record-photos'
import { useRecordsStore, type LocalRecord } from '../../store/records'
import { localRecord } from '../../../test/store/fixtures'
import RecordPage from './index'

const PHOTO = 'wxfile://tmp_front.jpg'
const record: LocalRecord = localRecord()
const previewImage = jest.fn()

beforeEach(() => {
  resetTaroHost()
  previewImage.mockReset().mockResolvedValue({ errMsg: 'previewImage:ok' })
  Object.assign(Taro, { previewImage })
  setRouterParams({ id: record.id })
  act(() => {
    useRecordsStore.setState({ records: [record], outbox: [] })
    useRecordPhotos.setState({ entries: [] })
    useDraftStore.getState().clear()
  })
})

test('a record confirmed on this device shows its photo above the fields; a tap zooms', () => {
  act(() => useRecordPhotos.getState().attach(record.id, [PHOTO]))
  const { container } = render(<RecordPage />)
  const image = container.querySelector('.license-photo img')!
  expect(image.getAttribute('src')).toBe(PHOTO)
  expect(image.compareDocumentPosition(container.querySelector('.license-fields')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  fireEvent.click(screen.getByLabelText('查看行驶证照片大图'))
  expect(previewImage).toHaveBeenCalledWith({ urls: [PHOTO], current: PHOTO })
})

test('no photo on this device, or one whose file is gone: just the fields', () => {
  const { container, unmount } = render(<RecordPage />)
  expect(container.querySelector('.license-photos')).toBeNull()
  unmount()

  act(() => useRecordPhotos.getState().attach(record.id, [PHOTO]))
  const again = render(<RecordPage />)
  fireEvent.error(again.container.querySelector('.license-photo img')!)
  expect(again.container.querySelector('.license-photos')).toBeNull()
  expect(again.container.textContent).not.toContain('照片已失效')
  expect(again.container.querySelector('.license-fields [data-field="owner"]')!.textContent).toContain('张三')
})

test('editing takes the photo along to the review page; deleting forgets it', async () => {
  act(() => useRecordPhotos.getState().attach(record.id, [PHOTO]))
  render(<RecordPage />)
  fireEvent.click(screen.getByText('编辑'))
  expect(useDraftStore.getState().draft).toMatchObject({ editingRecordId: record.id, photoPaths: [PHOTO] })
  expect(calls.navigateTo).toEqual(['/pages/review/index'])

  answerModals('confirm')
  await act(async () => {
    fireEvent.click(screen.getByText('删除'))
  })
  expect(calls.modals).toHaveLength(1)
  expect(useRecordPhotos.getState().entries).toEqual([])
})
