// Refusals as WeChat reports them: a refused camera scope fails with "auth deny" (the <camera>
// component's binderror: "insertCamera:fail auth deny"); a refused privacy guide fails with errno 104
// "…:fail privacy permission is not authorized" (the <camera> and chooseMedia alike). Each gets its own
// message: the privacy guide is not a camera permission, and settings cannot fix it.
import { startApp } from './scenario'
import type { MiniProgram } from './host'

/** What the user sees: page text, plus modal and toast texts. */
const shown = (app: MiniProgram) =>
  [app.textOf(), ...app.wx.ui.modals.map((m) => `${m.title} ${m.content}`), ...app.wx.ui.toasts].join('\n')
const cameras = (app: MiniProgram) => app.findAll((n) => app.tagOf(n) === 'camera')

test('camera permission allowed: the live camera stays on the scan page', async () => {
  const app = await startApp()
  expect(app.wx.authSetting['scope.camera']).toBe(true)
  expect(cameras(app)).toHaveLength(1)
  app.assertHealthy()
})

test('camera permission refused: the camera pane says so, and 去设置 brings the camera back', async () => {
  const app = await startApp({ prepare: (wx) => void (wx.user.scopes['scope.camera'] = 'deny') })
  expect(app.wx.authSetting['scope.camera']).toBe(false)
  const text = shown(app)
  expect(text).toContain('无法使用相机')
  expect(text).toMatch(/摄像头/)
  expect(text).not.toMatch(/隐私/)

  app.wx.user.settingsChanges = { 'scope.camera': true }
  await app.tap(app.byText('去设置'))
  expect(app.wx.calls).toContain('openSetting')
  expect(cameras(app)).toHaveLength(1)
  expect(app.textOf()).not.toContain('无法使用相机')
  app.assertHealthy()
})

test('privacy guide refused: the scan page explains the privacy guide, not the camera permission', async () => {
  const app = await startApp({
    prepare: (wx) => {
      wx.user.privacy = 'disagree'
      wx.user.modalConfirm = false
    },
  })
  expect(app.wx.privacyAgreed).toBe(false)
  const afterCamera = shown(app)
  expect(afterCamera).toMatch(/隐私/)
  expect(afterCamera).not.toMatch(/摄像头/)

  // The album goes through chooseMedia, a privacy API too: refused with errno 104, explained the same way.
  app.wx.ui.modals.length = 0
  await app.tap(app.byText('相册'))
  expect(app.wx.calls).toContain('chooseMedia')
  expect(shown(app)).toMatch(/隐私/)
  expect(app.wx.cloudLog.some((e) => e.api === 'uploadFile')).toBe(false)
  app.assertHealthy()
})

test('privacy guide refused, then agreed from the camera pane: the camera comes back', async () => {
  const app = await startApp({ prepare: (wx) => void (wx.user.privacy = 'disagree') })
  expect(shown(app)).toMatch(/隐私/)
  app.wx.user.privacy = 'agree'
  await app.tap(app.byText('同意并重试'))
  expect(app.wx.calls).toContain('requirePrivacyAuthorize')
  expect(app.wx.privacyAgreed).toBe(true)
  expect(cameras(app)).toHaveLength(1)
  expect(app.textOf()).not.toMatch(/隐私/)
  app.assertHealthy()
})

test('an API missing from the declared privacy guide (errno 112) is told apart from a refusal', async () => {
  const app = await startApp({ prepare: (wx) => void wx.declaredPrivacyApis.delete('chooseMedia') })
  await app.tap(app.byText('相册'))
  const text = shown(app)
  expect(text).toMatch(/声明/)
  expect(text).not.toMatch(/需要同意/)
  expect(app.wx.cloudLog.some((e) => e.api === 'uploadFile')).toBe(false)
  app.assertHealthy()
})
