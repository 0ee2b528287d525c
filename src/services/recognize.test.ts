// The recognition flow on the weapp gateway, against the in-memory wx.cloud of test/jest/taro-host.ts.
import { cloudRejections, fakeCloud, resetTaroHost } from '../../test/jest/taro-host'
import { createCancellation, type Cancellation } from './cancellation'
import { preparePhoto } from './image-prep'
import type { PreparePhoto } from './image-prep.types'
import { recognizePhoto, type RecognitionStage } from './recognize'
import { gateway } from './gateway'

jest.mock('./gateway', () => jest.requireActual('./gateway.weapp'))
jest.mock('./image-prep', () => ({ preparePhoto: jest.fn() }))

const prepare = preparePhoto as jest.MockedFunction<PreparePhoto>

const TARGET = { cloudPath: 'uploads/user-1/t1.jpg', expiresAt: '2026-12-01T12:10:00.000Z' }
const FILE_ID = `cloud://${fakeCloud.env}.${fakeCloud.bucket}/${TARGET.cloudPath}`
const PHOTO = { path: 'wxfile://tmp/prepared.jpg', width: 1600, height: 1000, bytes: 300_000 }
const RECOGNITION = { license: { plateNum: '粤B11111' }, confidence: {}, issues: [], warnings: [], provider: 'fake' }

type Handler = (data: Record<string, unknown>) => unknown

/** recognizeVehicleLicense as the function behaves: targets on request, deletes the photo it reads. */
function deployFunction(recognize: Handler = () => ({ ok: true, ...RECOGNITION })): void {
  fakeCloud.functions.set('recognizeVehicleLicense', (data) => {
    if (data.action === 'uploadTarget') return { ok: true, ...TARGET }
    fakeCloud.files.delete(String(data.fileID))
    return recognize(data)
  })
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const calls = () =>
  fakeCloud.calls.map((c) => (c.api === 'callFunction' ? `call ${String(c.data.action ?? 'recognize')}` : c.api))

let stages: RecognitionStage[]
let cancellation: Cancellation

function run(mode: 'photo' | 'scan' = 'photo') {
  return recognizePhoto('wxfile://tmp/original.jpg', mode, (stage) => stages.push(stage), cancellation.signal)
}

beforeEach(() => {
  resetTaroHost()
  stages = []
  cancellation = createCancellation()
  prepare.mockReset()
  prepare.mockResolvedValue({ ok: true, photo: PHOTO })
})

describe('a recognition that goes through', () => {
  it('reserves the target while preparing, uploads there, recognizes that fileID', async () => {
    deployFunction()
    prepare.mockImplementation(async () => {
      // The target is requested before the prepared photo is there.
      expect(calls()).toEqual(['call uploadTarget'])
      return { ok: true, photo: PHOTO }
    })
    expect(await run('scan')).toEqual({ ok: true, ...RECOGNITION })
    expect(stages).toEqual(['preparing', 'uploading', 'recognizing'])
    expect(fakeCloud.calls).toEqual([
      { api: 'callFunction', name: 'recognizeVehicleLicense', data: { action: 'uploadTarget' } },
      { api: 'uploadFile', cloudPath: TARGET.cloudPath, filePath: PHOTO.path },
      { api: 'callFunction', name: 'recognizeVehicleLicense', data: { fileID: FILE_ID, mode: 'scan' } },
    ])
    expect(fakeCloud.files.size).toBe(0)
  })

  it('leaves the cleanup to the function when the function answers with an error', async () => {
    deployFunction(() => ({ ok: false, error: { code: 'OCR_101001', message: '未在图片中检测到行驶证' } }))
    expect(await run()).toEqual({ ok: false, error: { code: 'OCR_101001', message: '未在图片中检测到行驶证' } })
    expect(calls()).not.toContain('deleteFile')
  })
})

describe('cancel', () => {
  it('before the start: nothing happens', async () => {
    cancellation.cancel()
    expect(await run()).toEqual({ ok: false, error: { code: 'CANCELLED', message: '已取消' } })
    expect(stages).toEqual([])
    expect(prepare).not.toHaveBeenCalled()
    expect(fakeCloud.calls).toEqual([])
  })

  it('while preparing: no upload and no recognize call', async () => {
    deployFunction()
    prepare.mockImplementation(async () => {
      cancellation.cancel()
      return { ok: true, photo: PHOTO }
    })
    expect(await run()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(stages).toEqual(['preparing'])
    expect(calls()).toEqual(['call uploadTarget'])
  })

  it('while the upload target is still on its way: no upload', async () => {
    const release = deferred<void>()
    fakeCloud.functions.set('recognizeVehicleLicense', async () => {
      await release.promise
      return { ok: true, ...TARGET }
    })
    const result = run()
    await new Promise((r) => setTimeout(r, 0))
    expect(stages).toEqual(['preparing', 'uploading'])
    cancellation.cancel()
    release.resolve()
    expect(await result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(calls()).toEqual(['call uploadTarget'])
  })

  it('while uploading: no recognize call, and the upload is deleted', async () => {
    deployFunction()
    fakeCloud.beforeUpload = () => cancellation.cancel()
    expect(await run()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(stages).toEqual(['preparing', 'uploading'])
    expect(calls()).toEqual(['call uploadTarget', 'uploadFile', 'deleteFile'])
    expect(fakeCloud.calls[2]).toEqual({ api: 'deleteFile', fileList: [FILE_ID] })
    await new Promise((r) => setTimeout(r, 0))
    expect(fakeCloud.files.size).toBe(0)
  })

  it('an upload handed back despite the cancel is deleted, not recognized', async () => {
    // Whatever the platform's gateway does when the cancel lands just as its upload completes.
    deployFunction()
    const upload = jest.spyOn(gateway, 'uploadImage').mockImplementation(async () => {
      cancellation.cancel()
      fakeCloud.files.set(FILE_ID, PHOTO.path)
      return { ok: true, fileID: FILE_ID }
    })
    try {
      expect(await run()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    } finally {
      upload.mockRestore()
    }
    expect(calls()).toEqual(['call uploadTarget', 'deleteFile'])
  })

  it('while recognizing: the answer is dropped and the upload is deleted', async () => {
    // The function never got to its own cleanup (the call was lost on the way).
    fakeCloud.functions.set('recognizeVehicleLicense', (data) => {
      if (data.action === 'uploadTarget') return { ok: true, ...TARGET }
      cancellation.cancel()
      throw { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' }
    })
    expect(await run()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(stages).toEqual(['preparing', 'uploading', 'recognizing'])
    expect(fakeCloud.calls.at(-1)).toEqual({ api: 'deleteFile', fileList: [FILE_ID] })
    await new Promise((r) => setTimeout(r, 0))
    expect(fakeCloud.files.size).toBe(0)
  })

  it('while recognizing, even if the function answered: CANCELLED', async () => {
    deployFunction(() => {
      cancellation.cancel()
      return { ok: true, ...RECOGNITION }
    })
    expect(await run()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    // Its file is gone already; the delete is a harmless per-file failure.
    expect(calls().at(-1)).toBe('deleteFile')
  })
})

describe('failures', () => {
  it('a preparation failure is reported as is, nothing is uploaded', async () => {
    deployFunction()
    prepare.mockResolvedValue({ ok: false, error: { code: 'IMAGE_NOT_IMAGE', message: '所选文件不是图片' } })
    expect(await run()).toEqual({ ok: false, error: { code: 'IMAGE_NOT_IMAGE', message: '所选文件不是图片' } })
    expect(stages).toEqual(['preparing'])
    expect(calls()).not.toContain('uploadFile')
  })

  it('a function that is not deployed stops before the upload', async () => {
    expect(await run()).toMatchObject({ ok: false, error: { code: 'FUNCTION_NOT_DEPLOYED' } })
    expect(calls()).toEqual(['call uploadTarget'])
  })

  it('an upload failure is NETWORK 图片上传失败 and nothing is recognized', async () => {
    deployFunction()
    fakeCloud.beforeUpload = () => {
      throw cloudRejections.upload()
    }
    expect(await run()).toEqual({ ok: false, error: { code: 'NETWORK', message: '网络异常，请检查网络后重试：图片上传失败（-503001）' } })
    expect(calls()).toEqual(['call uploadTarget', 'uploadFile'])
  })

  it.each([
    ['a timeout', cloudRejections.timeout(), 'FUNCTION_TIMEOUT'],
    ['the function vanished', cloudRejections.notDeployed(), 'FUNCTION_NOT_DEPLOYED'],
    ['a network failure', { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' }, 'NETWORK'],
  ])('%s at the recognize call: reported, and the client deletes its upload', async (_label, rejection, code) => {
    fakeCloud.functions.set('recognizeVehicleLicense', (data) => {
      if (data.action === 'uploadTarget') return { ok: true, ...TARGET }
      throw rejection
    })
    expect(await run()).toMatchObject({ ok: false, error: { code } })
    expect(fakeCloud.calls.at(-1)).toEqual({ api: 'deleteFile', fileList: [FILE_ID] })
    await new Promise((r) => setTimeout(r, 0))
    expect(fakeCloud.files.size).toBe(0)
  })

  it('the delete never holds back or replaces the error', async () => {
    fakeCloud.functions.set('recognizeVehicleLicense', (data) => {
      if (data.action === 'uploadTarget') return { ok: true, ...TARGET }
      throw cloudRejections.timeout()
    })
    fakeCloud.beforeDelete = () => new Promise(() => undefined) // never settles
    expect(await run()).toEqual({ ok: false, error: { code: 'FUNCTION_TIMEOUT', message: '云函数执行超时，请稍后重试' } })

    fakeCloud.beforeDelete = () => {
      throw { errCode: -503002, errMsg: 'cloud.deleteFile:fail permission denied' }
    }
    expect(await run()).toEqual({ ok: false, error: { code: 'FUNCTION_TIMEOUT', message: '云函数执行超时，请稍后重试' } })
  })
})
