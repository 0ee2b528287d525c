// The evidence port the outbox uses, and the launch sweep of local copies (issue 12).
import { evidencePort, evidenceUrls, sweepEvidenceCopies } from './evidence'
import { evidenceFiles } from './evidence-files'
import { gateway } from './gateway'
import { isTransportFailure } from './gateway.types'

jest.mock('./evidence-files', () => ({ evidenceFiles: { keep: jest.fn(), open: jest.fn(), discard: jest.fn(), list: jest.fn() } }))
jest.mock('./gateway', () => ({ gateway: { call: jest.fn(), uploadImage: jest.fn() } }))
const files = evidenceFiles as jest.Mocked<typeof evidenceFiles>
const gw = gateway as unknown as { call: jest.Mock; uploadImage: jest.Mock }

const release = jest.fn()
beforeEach(() => {
  jest.clearAllMocks()
  files.open.mockResolvedValue({ path: 'blob:copy', release })
  gw.uploadImage.mockResolvedValue({ ok: true, fileID: 'fid' })
})

test('uploads the copy to the evidence path the records function hands out, then frees it', async () => {
  const target = { cloudPath: 'evidence/o1/0123456789abcdef01234567.jpg', expiresAt: '2026-12-02T00:00:00.000Z' }
  gw.call.mockResolvedValue({ ok: true, ...target })
  await expect(evidencePort.upload('wxfile://usr/evidence/a.jpg')).resolves.toEqual({ ok: true, fileID: 'fid' })
  expect(gw.call).toHaveBeenCalledWith('records', { action: 'evidenceTarget' })
  expect(gw.uploadImage).toHaveBeenCalledWith('blob:copy', { target })
  expect(release).toHaveBeenCalledTimes(1)
})

test('the local backend (cloudPath null) takes the plain upload', async () => {
  gw.call.mockResolvedValue({ ok: true, cloudPath: null, expiresAt: 'x' })
  await evidencePort.upload('idb:a')
  expect(gw.uploadImage).toHaveBeenCalledWith('blob:copy', { target: null })
})

test('a copy that is gone is not a transport failure (the record goes without it); a failed target call is', async () => {
  files.open.mockResolvedValue(null)
  const gone = await evidencePort.upload('idb:gone')
  expect(gone.ok).toBe(false)
  expect(!gone.ok && isTransportFailure(gone.error)).toBe(false)
  expect(gw.call).not.toHaveBeenCalled()

  files.open.mockResolvedValue({ path: 'blob:copy', release })
  gw.call.mockResolvedValue({ ok: false, error: { code: 'NETWORK', message: '网络异常' } })
  const offline = await evidencePort.upload('idb:a')
  expect(!offline.ok && isTransportFailure(offline.error)).toBe(true)
  expect(gw.uploadImage).not.toHaveBeenCalled()
  expect(release).toHaveBeenCalledTimes(1)
})

test('evidenceUrls keeps well-formed photos only', async () => {
  gw.call.mockResolvedValue({ ok: true, photos: [{ side: 'back', url: 'https://t/b', expiresAt: 'e' }, { side: 'front' }, null] })
  await expect(evidenceUrls('r1')).resolves.toEqual({ ok: true, photos: [{ side: 'back', url: 'https://t/b', expiresAt: 'e' }] })
  expect(gw.call).toHaveBeenCalledWith('records', { action: 'evidenceUrl', id: 'r1' })
})

test('the launch sweep deletes the copies nothing refers to, asking what is referenced after listing', async () => {
  let referenced = new Set(['idb:queued'])
  files.list.mockImplementation(async () => {
    referenced = new Set(['idb:queued', 'idb:just-scanned']) // a scan finished while listing
    return ['idb:queued', 'idb:orphan', 'idb:just-scanned']
  })
  await sweepEvidenceCopies(() => referenced)
  expect(files.discard.mock.calls).toEqual([['idb:orphan']])
})
