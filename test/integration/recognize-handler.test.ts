// The recognize function with real parts (sharp, SQLite quota, files on disk) and WeChat's
// cloud.openapi behind the protocol-faithful fake (test/contract).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { createFakeWxCloud, type FakeWxCloud } from '../contract/fake-wx-cloud'
import { createOpenapiProvider } from '../../functions/shared/ocr/openapi'
import { createSharpImagePreparer } from '../../server/image-prep'
import { createLocalFileStore, type LocalFileStore } from '../../server/files'
import { openSqliteQuotaStore } from '../../server/quota'
import { createRecognizeHandler } from '../../functions/recognizeVehicleLicense/handler'

let dir: string
let files: LocalFileStore
let quota: ReturnType<typeof openSqliteQuotaStore>
let cloud: FakeWxCloud

const user = { openid: 'user-1' }
const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 230, g: 235, b: 240 } } }).jpeg().toBuffer()

function handler(dailyLimit = 3) {
  return createRecognizeHandler({
    ocr: createOpenapiProvider(cloud),
    files,
    images: createSharpImagePreparer(),
    quota,
    dailyLimit,
    now: () => new Date('2026-03-01T02:00:00Z'),
  })
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-recognize-'))
  files = createLocalFileStore(path.join(dir, 'uploads'))
  quota = openSqliteQuotaStore(path.join(dir, 'quota.sqlite'))
  cloud = createFakeWxCloud()
})
afterEach(() => {
  quota.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const uploads = () => fs.readdirSync(path.join(dir, 'uploads'))

test('recognizes, normalizes the provider quirks, validates, and deletes the upload', async () => {
  const fileID = await files.save(await photo(1200, 800), 'jpg', user.openid)
  const result = await handler()({ fileID, mode: 'photo' }, user)
  if (!result.ok) throw new Error(result.error.message)
  if (!('license' in result)) throw new Error('not a recognition')
  // DOCUMENTED_PAYLOAD: vhicle_type, plate_num_b "粤S·8K2D6", "7人", "2700kg", totalprepare_quality_quality
  expect(result.license).toMatchObject({ vehicleType: '小型普通客车', plateNum: '粤S8K2D6', passengersNum: 7, totalQuality: 2700, prepareQuality: 1995 })
  expect(result.provider).toBe('openapi')
  expect(Array.isArray(result.issues)).toBe(true)
  expect(uploads()).toEqual([])
})

test('a huge photo is rotated per EXIF, scaled to the long-side cap and sent under 2 MB', async () => {
  // 4000×3000 stored with EXIF orientation 6 (displayed portrait: 3000×4000).
  const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .jpeg({ quality: 100 })
    .withMetadata({ orientation: 6 })
    .toBuffer()
  const fileID = await files.save(big, 'jpg', user.openid)
  const result = await handler()({ fileID, mode: 'photo' }, user)
  expect(result.ok).toBe(true)
  const sent = (cloud.calls[0] as { img: { value: Buffer } }).img.value
  const meta = await sharp(sent).metadata()
  expect([meta.width, meta.height]).toEqual([1200, 1600])
  expect(sent.length).toBeLessThanOrEqual(2 * 1024 * 1024)
}, 30000)

test('provider errors come back as codes with Chinese messages, and the upload is still deleted', async () => {
  cloud.ocr.failNext(101001)
  const fileID = await files.save(await photo(800, 600), 'jpg', user.openid)
  const result = await handler()({ fileID, mode: 'photo' }, user)
  expect(result).toEqual({ ok: false, error: { code: 'OCR_101001', message: '未在图片中检测到行驶证' } })
  expect(uploads()).toEqual([])
})

test('a missing openapi permission is reported as such', async () => {
  cloud.permitted = false
  const fileID = await files.save(await photo(800, 600), 'jpg', user.openid)
  const result = await handler()({ fileID }, user)
  expect(result.ok).toBe(false)
  if (!result.ok) expect(result.error.code).toBe('OCR_-604101')
})

test('non-images are rejected before the provider and do not cost quota', async () => {
  const fileID = await files.save(Buffer.from('not an image at all, just some text'), 'bin', user.openid)
  const result = await handler(1)({ fileID }, user)
  expect(result.ok).toBe(false)
  if (!result.ok) expect(result.error.code).toBe('IMAGE_NOT_IMAGE')
  expect(cloud.ocr.calls).toBe(0)
  const next = await handler(1)({ fileID: await files.save(await photo(800, 600), 'jpg', user.openid) }, user)
  expect(next.ok).toBe(true)
})

test('a truncated image is unreadable', async () => {
  const whole = await photo(800, 600)
  const fileID = await files.save(whole.subarray(0, 200), 'jpg', user.openid)
  const result = await handler()({ fileID }, user)
  expect(result.ok).toBe(false)
  if (!result.ok) expect(result.error.code).toBe('IMAGE_UNREADABLE')
})

test('the per-user daily quota is enforced per user', async () => {
  const run = async (openid: string) => handler(2)({ fileID: await files.save(await photo(800, 600), 'jpg', openid) }, { openid })
  expect((await run('a')).ok).toBe(true)
  expect((await run('a')).ok).toBe(true)
  const third = await run('a')
  expect(third).toEqual({ ok: false, error: { code: 'QUOTA_EXCEEDED', message: '今日识别次数已用完，请明天再试' } })
  expect((await run('b')).ok).toBe(true)
  expect(cloud.ocr.calls).toBe(3)
  expect(uploads()).toEqual([])
})

test.each([
  [{}, 'INVALID_INPUT'],
  [{ fileID: 'https://evil.example/x.jpg' }, 'INVALID_INPUT'],
  [{ fileID: 'local://a.jpg', mode: 'selfie' }, 'INVALID_INPUT'],
  [{ fileID: 'local://a.jpg', extra: 1 }, 'INVALID_INPUT'],
  [{ fileID: { $ne: null } }, 'INVALID_INPUT'],
])('rejects malformed events %j', async (event, code) => {
  const result = await handler()(event, user)
  expect(result.ok).toBe(false)
  if (!result.ok) expect(result.error.code).toBe(code)
  expect(cloud.ocr.calls).toBe(0)
})

test('an anonymous caller is refused', async () => {
  const result = await handler()({ fileID: 'local://a.jpg' }, { openid: '' })
  expect(result.ok).toBe(false)
  if (!result.ok) expect(result.error.code).toBe('UNAUTHORIZED')
})

test("another user's upload is refused with nothing downloaded or deleted", async () => {
  const fileID = await files.save(await photo(800, 600), 'jpg', 'user-2')
  const result = await handler()({ fileID }, user)
  expect(result).toEqual({ ok: false, error: { code: 'UPLOAD_NOT_OWNED', message: expect.stringMatching(/本人/) } })
  expect(uploads()).toHaveLength(1)
  expect(cloud.ocr.calls).toBe(0)
  // The owner still can.
  expect((await handler()({ fileID }, { openid: 'user-2' })).ok).toBe(true)
})

test('a daily limit of 0 refuses every recognition, without cost', async () => {
  const fileID = await files.save(await photo(800, 600), 'jpg', user.openid)
  expect(await handler(0)({ fileID }, user)).toEqual({ ok: false, error: expect.objectContaining({ code: 'QUOTA_EXCEEDED' }) })
  expect(cloud.ocr.calls).toBe(0)
})

test('the local backend issues no cloud upload targets', async () => {
  const result = await handler()({ action: 'uploadTarget' }, user)
  expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) })
})
