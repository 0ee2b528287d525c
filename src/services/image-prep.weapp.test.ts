// The weapp preparation against the in-memory Taro host's getImageInfo / compressImage / getFileInfo,
// which follow WeChat's documented shapes (test/jest/taro-host.ts).
import { fakeWx } from '../../test/jest/taro-host'
import { MAX_UPLOAD_BYTES } from '../domain/image'
import { preparePhoto } from './image-prep.weapp'

const MB = 1024 * 1024

beforeEach(() => fakeWx.reset())

function pick(file: { type: string; width: number; height: number; orientation?: string; bytes: number }): string {
  const path = fakeWx.tempPath(file.type === 'png' ? 'png' : 'jpg')
  fakeWx.files.set(path, file)
  return path
}

const sizeOptions = (call: Record<string, unknown>) =>
  Object.keys(call).filter((k) => ['compressedWidth', 'compressedHeight', 'compressWidth', 'compressHeight'].includes(k))

describe('JPEG photos', () => {
  it('a portrait photo stored landscape (EXIF right) gets only compressedHeight and stays portrait, unstretched', async () => {
    const path = pick({ type: 'jpeg', width: 4032, height: 3024, orientation: 'right', bytes: 4 * MB })
    const result = await preparePhoto(path)
    expect(fakeWx.compressCalls).toHaveLength(1)
    expect(fakeWx.compressCalls[0]).toMatchObject({ src: path, quality: 85, compressedHeight: 1600, compressHeight: 1600 })
    expect(sizeOptions(fakeWx.compressCalls[0])).toEqual(['compressedHeight', 'compressHeight'])
    expect(result).toEqual({ ok: true, photo: { path: expect.stringMatching(/^http:\/\/tmp\//), width: 1200, height: 1600, bytes: expect.any(Number) } })
  })

  it('a landscape photo gets only compressedWidth', async () => {
    const path = pick({ type: 'jpeg', width: 4000, height: 3000, orientation: 'up', bytes: 3 * MB })
    const result = await preparePhoto(path)
    expect(sizeOptions(fakeWx.compressCalls[0])).toEqual(['compressedWidth', 'compressWidth'])
    expect(fakeWx.compressCalls[0].compressedWidth).toBe(1600)
    expect(result.ok && result.photo).toMatchObject({ width: 1600, height: 1200 })
  })

  it('steps the quality down until the file is under 2 MB', async () => {
    // 2.5 MB at 85, 75 and 65; fits at 50.
    fakeWx.jpegBytes = (_pixels, quality) => (quality > 50 ? 2.5 * MB : 1.5 * MB)
    const path = pick({ type: 'jpeg', width: 4000, height: 3000, bytes: 6 * MB })
    const result = await preparePhoto(path)
    expect(fakeWx.compressCalls.map((c) => c.quality)).toEqual([85, 75, 65, 50])
    expect(result.ok && result.photo.bytes).toBe(1.5 * MB)
  })

  it('fails with IMAGE_TOO_LARGE and a Chinese reason when even the lowest quality is too big', async () => {
    fakeWx.jpegBytes = () => 3 * MB
    const result = await preparePhoto(pick({ type: 'jpeg', width: 4000, height: 3000, bytes: 9 * MB }))
    expect(fakeWx.compressCalls.map((c) => c.quality)).toEqual([85, 75, 65, 50, 40])
    expect(result).toEqual({ ok: false, error: { code: 'IMAGE_TOO_LARGE', message: '图片过大，请压缩后重试：压缩后仍超过 2 MB，请靠近行驶证重新拍摄' } })
  })

  it('sends a small photo under 2 MB as it is (no upscaling, no second compression)', async () => {
    const path = pick({ type: 'jpeg', width: 1200, height: 900, orientation: 'left', bytes: 500_000 })
    expect(await preparePhoto(path)).toEqual({ ok: true, photo: { path, width: 900, height: 1200, bytes: 500_000 } })
    expect(fakeWx.compressCalls).toEqual([])
  })

  it('compresses without resizing a small-pixel photo over 2 MB', async () => {
    const path = pick({ type: 'jpg', width: 1500, height: 1000, bytes: 2.5 * MB })
    const result = await preparePhoto(path)
    expect(sizeOptions(fakeWx.compressCalls[0])).toEqual([])
    expect(result.ok && result.photo).toMatchObject({ width: 1500, height: 1000 })
  })
})

describe('PNG screenshots (扫描件 mode)', () => {
  const screenshot = (bytes: number) => ({ type: 'png', width: 1170, height: 2532, bytes })

  it('are encoded as JPEG on an offscreen canvas at the capped size where the base library has one', async () => {
    fakeWx.offscreenCanvas = true
    const path = pick(screenshot(3 * MB))
    const result = await preparePhoto(path)
    expect(fakeWx.canvasDraws).toEqual([{ src: path, width: 739, height: 1600 }])
    expect(fakeWx.compressCalls).toEqual([])
    expect(result).toEqual({ ok: true, photo: { path: 'http://usr/license-photo-1.jpg', width: 739, height: 1600, bytes: expect.any(Number) } })
    expect(result.ok && result.photo.bytes).toBeLessThanOrEqual(MAX_UPLOAD_BYTES)
    expect(fakeWx.writtenFiles.get('http://usr/license-photo-1.jpg')).toBe(result.ok && result.photo.bytes)

    // The next canvas output replaces the previous file in the (persistent) user data folder.
    await preparePhoto(pick(screenshot(3 * MB)))
    expect(fakeWx.unlinked).toEqual(['http://usr/license-photo-1.jpg'])
  })

  it('are sent as they are when under 2 MB and no canvas is available', async () => {
    const path = pick(screenshot(1.2 * MB))
    expect(await preparePhoto(path)).toEqual({ ok: true, photo: { path, width: 1170, height: 2532, bytes: 1.2 * MB } })
    expect(fakeWx.compressCalls).toEqual([])
  })

  it('fall back to as-is when the canvas cannot encode JPEG (answers PNG)', async () => {
    fakeWx.offscreenCanvas = true
    fakeWx.canvasEncodes = 'image/png'
    const path = pick(screenshot(1.2 * MB))
    expect(await preparePhoto(path)).toEqual({ ok: true, photo: { path, width: 1170, height: 2532, bytes: 1.2 * MB } })
  })

  it('over 2 MB on iOS without a canvas: compressImage leaves PNG as it is, so a clear error', async () => {
    const result = await preparePhoto(pick(screenshot(3 * MB)))
    expect(fakeWx.compressCalls).toHaveLength(5)
    expect(result).toEqual({
      ok: false,
      error: { code: 'IMAGE_TOO_LARGE', message: '图片过大，请压缩后重试：该格式的图片无法在手机上压缩到 2 MB 以内，请改用 JPG 图片或直接拍照' },
    })
  })

  it('over 2 MB on Android without a canvas: compressImage re-encodes it as JPEG', async () => {
    fakeWx.platform = 'android'
    const result = await preparePhoto(pick(screenshot(3 * MB)))
    expect(fakeWx.compressCalls[0]).toMatchObject({ compressedHeight: 1600 })
    expect(result.ok && result.photo).toMatchObject({ width: 739, height: 1600 })
  })
})

describe('unusable input', () => {
  it('rejects a GIF with IMAGE_NOT_IMAGE', async () => {
    expect(await preparePhoto(pick({ type: 'gif', width: 400, height: 300, bytes: 1000 }))).toEqual({
      ok: false,
      error: { code: 'IMAGE_NOT_IMAGE', message: '所选文件不是图片：仅支持 JPG、PNG、BMP、WebP 图片' },
    })
  })

  it('reports an unreadable file', async () => {
    expect(await preparePhoto('http://tmp/missing.jpg')).toEqual({
      ok: false,
      error: { code: 'IMAGE_UNREADABLE', message: '图片无法读取，请重新拍摄或选择' },
    })
  })
})
