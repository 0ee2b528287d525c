// A photo that was uploaded but whose recognition never comes back, or a scan the user cancels, must not
// leave the license photo in cloud storage: the client deletes its own upload (the function deletes
// the ones it reads).
import { scan, startApp, USER_A } from './scenario'

test('recognition that fails in transport (function timeout) deletes the uploaded photo and says so', async () => {
  const app = await startApp()
  app.wx.failNext(
    'cloud.callFunction',
    { errCode: -504003, errMsg: 'cloud.callFunction:fail Error: errCode: -504003 | errMsg: Invoking task timed out after 3 seconds' },
    (args) => typeof (args.data as { fileID?: unknown } | undefined)?.fileID === 'string',
  )
  await scan(app, 'album')

  const upload = app.wx.cloudLog.find((e) => e.api === 'uploadFile')!
  expect(String(upload.result)).toContain(`uploads/${USER_A}/`)
  expect(app.wx.cloudLog.filter((e) => e.api === 'deleteFile').map((e) => e.args.fileList)).toEqual([[upload.result]])
  expect(app.cloud.files()).toEqual([])
  expect(app.current.route).toBe('pages/scan/index')
  expect(app.byClass('scan-page__error')).toBeDefined()
  expect(app.textOf(app.byClass('scan-page__error'))).toMatch(/超时|timeout/i)
  app.assertHealthy()
})

test('an upload that fails leaves nothing behind and recognition is not attempted', async () => {
  const app = await startApp()
  app.wx.failNext('cloud.uploadFile', { errCode: -1, errMsg: 'cloud.uploadFile:fail uploadFile:fail createUploadTask:fail network error' })
  await scan(app, 'camera')

  expect(app.cloud.files()).toEqual([])
  const recognitions = app.wx.cloudLog.filter((e) => e.api === 'callFunction' && (e.args.data as { fileID?: unknown }).fileID)
  expect(recognitions).toEqual([])
  expect(app.current.route).toBe('pages/scan/index')
  expect(app.textOf(app.byClass('scan-page__error'))).toContain('上传失败')
  app.assertHealthy()
})

test('cancelling while the photo uploads deletes it once the upload lands', async () => {
  const app = await startApp()
  const upload = app.wx.hold('cloud.uploadFile')
  await scan(app, 'album')
  expect(app.textOf()).toContain('正在上传')

  await app.tap(app.byText('取消'))
  expect(app.textOf()).not.toContain('正在上传')
  upload.release()
  await app.settle()

  const uploaded = app.wx.cloudLog.find((e) => e.api === 'uploadFile')!
  expect(app.wx.cloudLog.filter((e) => e.api === 'deleteFile').map((e) => e.args.fileList)).toEqual([[uploaded.result]])
  expect(app.cloud.files()).toEqual([])
  expect(app.wx.cloudLog.filter((e) => e.api === 'callFunction' && (e.args.data as { fileID?: unknown }).fileID)).toEqual([])
  expect(app.current.route).toBe('pages/scan/index')
  app.assertHealthy()
})
