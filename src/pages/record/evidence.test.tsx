/** @jest-environment jsdom */
// Issue 12 on the owner's record page: the photo kept with the record (evidenceUrl), zoomable,
// falling back to this device's copy until the server has one.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroHost, setRouterParams } from '../../../test/jest/taro-host'
import { evidenceUrls } from '../../services/evidence'
import { useRecordPhotos } from '../../store/record-photos'
import { useRecordsStore, type LocalRecord } from '../../store/records'
import { localRecord } from '../../../test/store/fixtures'
import RecordPage from './index'

jest.mock('../../services/evidence', () => ({ evidenceUrls: jest.fn() }))
const urls = evidenceUrls as jest.MockedFunction<typeof evidenceUrls>

const URL_FRONT = 'https://tmp.example/evidence/front.jpg?sign=1'
const LOCAL = 'wxfile://tmp_front.jpg'
const base: LocalRecord = localRecord()
const previewImage = jest.fn()

function show(record: LocalRecord, localPaths: string[] = []) {
  setRouterParams({ id: record.id })
  act(() => {
    useRecordsStore.setState({ records: [record], outbox: [] })
    useRecordPhotos.setState({ entries: localPaths.length ? [{ recordId: record.id, paths: localPaths }] : [] })
  })
  return render(<RecordPage />)
}

beforeEach(() => {
  resetTaroHost()
  jest.clearAllMocks()
  previewImage.mockResolvedValue({ errMsg: 'previewImage:ok' })
  Object.assign(Taro, { previewImage })
  urls.mockResolvedValue({ ok: true, photos: [{ side: 'front', url: URL_FRONT, expiresAt: '' }] })
})

test('a record the server keeps a photo for shows it from evidenceUrl, in place of the local copy; a tap zooms', async () => {
  const { container } = show({ ...base, evidence: [{ side: 'front', attachedAt: base.createdAt }] }, [LOCAL])
  await waitFor(() => expect(container.querySelector('.license-photo img')?.getAttribute('src')).toBe(URL_FRONT))
  expect(urls).toHaveBeenCalledWith('srv-1')
  fireEvent.click(screen.getByLabelText('查看行驶证照片大图'))
  expect(previewImage).toHaveBeenCalledWith({ urls: [URL_FRONT], current: URL_FRONT })
})

test('hasEvidence from a list answer is enough to ask for it', async () => {
  const { container } = show({ ...base, hasEvidence: true })
  await waitFor(() => expect(container.querySelector('.license-photo img')?.getAttribute('src')).toBe(URL_FRONT))
})

test('not yet on the server (an offline create) or evidenceUrl failing: the local copy', async () => {
  const unsent = show({ ...base, id: 'local-1', sync: 'pending', version: 0 }, [LOCAL])
  expect(unsent.container.querySelector('.license-photo img')!.getAttribute('src')).toBe(LOCAL)
  expect(urls).not.toHaveBeenCalled()
  unsent.unmount()

  urls.mockResolvedValue({ ok: false, error: { code: 'NETWORK', message: '网络异常' } })
  const failing = show({ ...base, evidence: [{ side: 'front', attachedAt: '' }] }, [LOCAL])
  await waitFor(() => expect(urls).toHaveBeenCalled())
  expect(failing.container.querySelector('.license-photo img')!.getAttribute('src')).toBe(LOCAL)
})

test('no photo anywhere: no frame and no call', () => {
  const { container } = show(base)
  expect(container.querySelector('.license-photos')).toBeNull()
  expect(container.querySelector('.evidence-photos')).toBeNull()
  expect(urls).not.toHaveBeenCalled()
})
