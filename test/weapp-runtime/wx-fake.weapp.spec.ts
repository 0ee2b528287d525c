// The fake itself follows WeChat's documented contract: argument errors, storage limits, page stack
// rules, promise style. Driven from inside the logic layer, as the bundle calls it.
import { startApp } from './scenario'
import type { MiniProgram } from './host'

/** Calls `wx.<api>(args)` in the logic layer with callbacks; resolves with which one ran and its result. */
async function call(app: MiniProgram, expression: string): Promise<{ ok: boolean; res: Record<string, unknown> }> {
  const outcome = new Promise<{ ok: boolean; res: Record<string, unknown> }>((resolve) => {
    ;(app.evaluate('(function (done) { globalThis.__done = done })') as (d: unknown) => void)(resolve)
  })
  app.evaluate(`(${expression})({ success: function (res) { __done({ ok: true, res: res }) }, fail: function (res) { __done({ ok: false, res: res }) } })`)
  await app.settle()
  return outcome
}

test('a missing or mistyped argument fails with WeChat\'s errMsg and is recorded as a misuse', async () => {
  const app = await startApp()
  const toast = await call(app, 'function (cb) { wx.showToast(Object.assign({ icon: "none" }, cb)) }')
  expect(toast).toEqual({ ok: false, res: { errMsg: 'showToast:fail parameter error: parameter.title should be String instead of Undefined;' } })
  const media = await call(app, 'function (cb) { wx.chooseMedia(Object.assign({ sourceType: "album" }, cb)) }')
  expect(media.res.errMsg).toBe('chooseMedia:fail parameter error: parameter.sourceType should be Array instead of String;')
  expect(() => app.evaluate('wx.setStorageSync(1, "x")')).toThrow('setStorageSync:fail parameter error: parameter.key should be String instead of Number;')
  expect(app.errors).toHaveLength(3)
})

test('without callbacks an async API returns a Promise that rejects with the fail result', async () => {
  const app = await startApp()
  const rejected = (app.evaluate('wx.cloud.callFunction({ name: "nope" })') as Promise<unknown>).then(() => 'resolved', (reason: unknown) => reason)
  await app.settle()
  await expect(rejected).resolves.toMatchObject({ errCode: -501000, errMsg: expect.stringContaining('FunctionName parameter could not be found') })
})

test('storage: "" for a missing key, 1 MB per key and 10 MB in all, thrown as WeChat throws', async () => {
  const app = await startApp()
  expect(app.evaluate('wx.getStorageSync("missing")')).toBe('')
  expect(() => app.evaluate('wx.setStorageSync("big", "x".repeat(1024 * 1024))')).toThrow('setStorageSync:fail exceed storage item max length')
  expect(() => app.evaluate('for (var i = 0; i < 11; i++) wx.setStorageSync("k" + i, "x".repeat(1000 * 1000))')).toThrow('setStorageSync:fail exceed storage max size 10Mb')
  expect(app.evaluate('wx.getStorageSync("k0").length')).toBe(1000 * 1000)
})

test('page stack: tabBar pages only through switchTab, unknown pages refused, navigateBack pops', async () => {
  const app = await startApp()
  expect((await call(app, 'function (cb) { wx.navigateTo(Object.assign({ url: "/pages/records/index" }, cb)) }')).res.errMsg).toBe('navigateTo:fail can not navigateTo a tabbar page')
  expect((await call(app, 'function (cb) { wx.switchTab(Object.assign({ url: "/pages/review/index" }, cb)) }')).res.errMsg).toBe('switchTab:fail can not switch to no-tabBar page')
  expect((await call(app, 'function (cb) { wx.navigateTo(Object.assign({ url: "/pages/nope/index" }, cb)) }')).res.errMsg).toBe('navigateTo:fail page "pages/nope/index" is not found')
  expect((await call(app, 'function (cb) { wx.navigateTo(Object.assign({ url: "/pages/review/index" }, cb)) }')).ok).toBe(true)
  expect(app.evaluate('getCurrentPages().map(function (p) { return p.route }).join()')).toBe('pages/scan/index,pages/review/index')
  expect((await call(app, 'function (cb) { wx.navigateBack(cb) }')).ok).toBe(true)
  expect(app.stack.map((p) => p.route)).toEqual(['pages/scan/index'])
  expect((await call(app, 'function (cb) { wx.navigateBack(cb) }')).res.errMsg).toBe('navigateBack:fail cannot navigate back at first page.')
  app.assertHealthy()
})

test('switchTab closes the pages above and keeps tab pages loaded; at most 10 pages', async () => {
  const app = await startApp()
  const scanPage = app.current
  expect((await call(app, 'function (cb) { wx.navigateTo(Object.assign({ url: "/pages/review/index" }, cb)) }')).ok).toBe(true)
  expect((await call(app, 'function (cb) { wx.switchTab(Object.assign({ url: "/pages/records/index" }, cb)) }')).ok).toBe(true)
  expect(app.stack.map((p) => p.route)).toEqual(['pages/records/index'])
  expect((await call(app, 'function (cb) { wx.switchTab(Object.assign({ url: "/pages/scan/index" }, cb)) }')).ok).toBe(true)
  expect(app.current).toBe(scanPage)
  for (let i = 0; i < 9; i++) await call(app, 'function (cb) { wx.navigateTo(Object.assign({ url: "/pages/review/index" }, cb)) }')
  expect(app.stack).toHaveLength(10)
  expect((await call(app, 'function (cb) { wx.navigateTo(Object.assign({ url: "/pages/review/index" }, cb)) }')).res.errMsg).toBe('navigateTo:fail webview count limit exceed')
  app.assertHealthy()
})
