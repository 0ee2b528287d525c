// The weapp gateway against the in-memory wx.cloud of test/jest/taro-host.ts.
import { cloudRejections, fakeCloud, resetTaroHost } from '../../test/jest/taro-host'
import { createCancellation } from './cancellation'
import { callFailure, gateway } from './gateway.weapp'
import { UPLOAD_TARGET_EVENT } from './gateway.types'

const TARGET = { cloudPath: 'uploads/user-1/t1.jpg', expiresAt: '2026-12-01T12:10:00.000Z' }

beforeEach(() => resetTaroHost())

describe('call', () => {
  it('passes name and data and returns the function result', async () => {
    fakeCloud.functions.set('records', (data) => ({ ok: true, echo: data }))
    expect(await gateway.call('records', { action: 'list' })).toEqual({ ok: true, echo: { action: 'list' } })
    expect(fakeCloud.calls).toEqual([{ api: 'callFunction', name: 'records', data: { action: 'list' } }])
  })

  it('keeps an error the function returned', async () => {
    fakeCloud.functions.set('records', () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }))
    expect(await gateway.call('records', {})).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } })
  })

  it('turns a result that is not a FnResult into INTERNAL', async () => {
    fakeCloud.functions.set('records', () => 'hello')
    expect(await gateway.call('records', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '系统内部错误，请稍后重试：云函数返回格式错误' },
    })
  })

  it('reports a function that is not deployed as FUNCTION_NOT_DEPLOYED', async () => {
    const result = await gateway.call('records', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'FUNCTION_NOT_DEPLOYED', message: '云函数未部署，请在开发者工具中上传并部署云函数后重试' },
    })
  })

  it('reports a timeout as FUNCTION_TIMEOUT', async () => {
    fakeCloud.functions.set('records', () => {
      throw cloudRejections.timeout(20)
    })
    expect(await gateway.call('records', {})).toEqual({
      ok: false,
      error: { code: 'FUNCTION_TIMEOUT', message: '云函数执行超时，请稍后重试' },
    })
  })

  it('keeps other rejections NETWORK, with the codes in the message', async () => {
    fakeCloud.functions.set('records', () => {
      throw new Error('wx is not defined')
    })
    expect(await gateway.call('records', {})).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: '网络异常，请检查网络后重试：云函数调用失败（-404011 / -504002）' },
    })
  })

  it('answers CANCELLED once cancelled, whatever the call did', async () => {
    const c = createCancellation()
    fakeCloud.functions.set('ok', () => {
      c.cancel()
      return { ok: true }
    })
    fakeCloud.functions.set('slow', () => {
      c.cancel()
      throw cloudRejections.timeout()
    })
    expect(await gateway.call('ok', {}, { signal: c.signal })).toEqual({ ok: false, error: { code: 'CANCELLED', message: '已取消' } })
    expect(await gateway.call('slow', {}, { signal: c.signal })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })
})

describe('callFailure (errMsg variants seen from WeChat)', () => {
  it.each([
    ['-501000 + ResourceNotFound', { errCode: -501000, errMsg: '[ResourceNotFound] FunctionName parameter could not be found.' }],
    ['FUNCTION_NOT_FOUND', { errCode: -1, errMsg: '[FUNCTION_NOT_FOUND] FunctionName parameter could not be found.' }],
    ['FUNCTION_NOT_FOUND alone', { errMsg: 'FUNCTION_NOT_FOUND' }],
    ['the Chinese console text', { errCode: -501000, errMsg: 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: 找不到对应的FunctionName.' }],
    ['an Error object', Object.assign(new Error('cloud.callFunction:fail FunctionName parameter could not be found.'), { errCode: -501000 })],
  ])('not deployed: %s', (_label, error) => {
    expect(callFailure(error).code).toBe('FUNCTION_NOT_DEPLOYED')
  })

  it.each([
    ['-504003', { errCode: -504003, errMsg: 'cloud.callFunction:fail' }],
    ['-504003 inside errMsg only', { errCode: -404011, errMsg: 'cloud function service error code -504003, error message Task failed' }],
    ['"timed out" text', { errCode: -404011, errMsg: 'error message Invoking task timed out after 60 seconds' }],
    ['"timeout" text', { errMsg: 'cloud.callFunction:fail timeout' }],
  ])('timeout: %s', (_label, error) => {
    expect(callFailure(error).code).toBe('FUNCTION_TIMEOUT')
  })

  it('keeps -501000 for a missing environment a NETWORK error with its code', () => {
    const error = callFailure({
      errCode: -501000,
      errMsg: 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: Environment not found (callId: 1)',
    })
    expect(error).toEqual({ code: 'NETWORK', message: '网络异常，请检查网络后重试：云函数调用失败（-501000）' })
  })

  it('survives rejections without any code', () => {
    expect(callFailure(undefined)).toEqual({ code: 'NETWORK', message: '网络异常，请检查网络后重试：云函数调用失败' })
    expect(callFailure('request:fail')).toMatchObject({ code: 'NETWORK' })
  })
})

describe('reserveUpload', () => {
  it('asks recognizeVehicleLicense for an upload target', async () => {
    fakeCloud.functions.set('recognizeVehicleLicense', () => ({ ok: true, ...TARGET }))
    expect(await gateway.reserveUpload()).toEqual({ ok: true, target: TARGET })
    expect(fakeCloud.calls).toEqual([{ api: 'callFunction', name: 'recognizeVehicleLicense', data: UPLOAD_TARGET_EVENT }])
    expect(UPLOAD_TARGET_EVENT).toEqual({ action: 'uploadTarget' })
  })

  it('passes the function refusal on', async () => {
    fakeCloud.functions.set('recognizeVehicleLicense', () => ({ ok: false, error: { code: 'UNAUTHORIZED', message: 'x' } }))
    expect(await gateway.reserveUpload()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'x' } })
  })

  it('refuses a target without a cloudPath', async () => {
    fakeCloud.functions.set('recognizeVehicleLicense', () => ({ ok: true, expiresAt: TARGET.expiresAt }))
    expect(await gateway.reserveUpload()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})

describe('uploadImage', () => {
  it('uploads to the reserved cloudPath and returns the fileID', async () => {
    const result = await gateway.uploadImage('wxfile://tmp/a.jpg', { target: TARGET })
    const fileID = `cloud://${fakeCloud.env}.${fakeCloud.bucket}/uploads/user-1/t1.jpg`
    expect(result).toEqual({ ok: true, fileID })
    expect(fakeCloud.calls).toEqual([{ api: 'uploadFile', cloudPath: TARGET.cloudPath, filePath: 'wxfile://tmp/a.jpg' }])
    expect(fakeCloud.files.get(fileID)).toBe('wxfile://tmp/a.jpg')
  })

  it('reserves a target first when given none', async () => {
    fakeCloud.functions.set('recognizeVehicleLicense', () => ({ ok: true, ...TARGET }))
    expect(await gateway.uploadImage('wxfile://tmp/a.jpg')).toMatchObject({ ok: true })
    expect(fakeCloud.calls.map((c) => c.api)).toEqual(['callFunction', 'uploadFile'])
    expect(fakeCloud.calls[1]).toMatchObject({ cloudPath: TARGET.cloudPath })
  })

  it('does not upload when no target can be had', async () => {
    expect(await gateway.uploadImage('wxfile://tmp/a.jpg')).toMatchObject({ ok: false, error: { code: 'FUNCTION_NOT_DEPLOYED' } })
    expect(fakeCloud.calls.map((c) => c.api)).toEqual(['callFunction'])
  })

  it('reports an upload failure as NETWORK 图片上传失败 with the code', async () => {
    fakeCloud.beforeUpload = () => {
      throw cloudRejections.upload(-503002)
    }
    expect(await gateway.uploadImage('wxfile://tmp/a.jpg', { target: TARGET })).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: '网络异常，请检查网络后重试：图片上传失败（-503002）' },
    })
  })

  it('does not start an upload once cancelled', async () => {
    const c = createCancellation()
    c.cancel()
    expect(await gateway.uploadImage('wxfile://tmp/a.jpg', { target: TARGET, signal: c.signal })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    })
    expect(fakeCloud.calls).toEqual([])
  })

  it('deletes the file when cancelled while it was going up', async () => {
    const c = createCancellation()
    fakeCloud.beforeUpload = () => c.cancel()
    const result = await gateway.uploadImage('wxfile://tmp/a.jpg', { target: TARGET, signal: c.signal })
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    const fileID = fakeCloud.fileIdOf(TARGET.cloudPath)
    expect(fakeCloud.calls.at(-1)).toEqual({ api: 'deleteFile', fileList: [fileID] })
    await Promise.resolve()
    expect(fakeCloud.files.size).toBe(0)
  })
})

describe('deleteUpload', () => {
  it('deletes the caller’s own upload', async () => {
    const fileID = fakeCloud.fileIdOf(TARGET.cloudPath)
    fakeCloud.files.set(fileID, 'wxfile://tmp/a.jpg')
    await gateway.deleteUpload(fileID)
    expect(fakeCloud.calls).toEqual([{ api: 'deleteFile', fileList: [fileID] }])
    expect(fakeCloud.files.size).toBe(0)
  })

  it('never rejects', async () => {
    fakeCloud.beforeDelete = () => {
      throw { errCode: -503002, errMsg: 'cloud.deleteFile:fail permission denied' }
    }
    await expect(gateway.deleteUpload('cloud://x/y.jpg')).resolves.toBeUndefined()
    fakeCloud.beforeDelete = undefined
    // A file already gone is a per-file status, not a rejection.
    await expect(gateway.deleteUpload('cloud://x/gone.jpg')).resolves.toBeUndefined()
  })
})
