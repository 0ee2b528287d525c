import fc from 'fast-check'
import sharp from 'sharp'
import { ProviderError } from '../../src/domain/errors'
import { MAX_UPLOAD_BYTES } from '../../src/domain/image'
import { BMP } from '../../test/contract/fixtures'
import { createImageGuard } from './image-guard'

// Real images from an encoder (tests may use sharp; the guard itself must not).
const canvas = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 230, g: 235, b: 240 } } })
const jpeg = (width: number, height: number) => canvas(width, height).jpeg().toBuffer()

/** The same bytes with the frame size in the SOF0/SOF2 segment replaced: a header "bomb". */
function declaring(image: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(image)
  if (copy[0] === 0x89) {
    copy.writeUInt32BE(width, 16)
    copy.writeUInt32BE(height, 20)
    return copy
  }
  let pos = 2
  while (copy[pos + 1] !== 0xc0 && copy[pos + 1] !== 0xc2) pos += 2 + copy.readUInt16BE(pos + 2)
  copy.writeUInt16BE(height, pos + 5)
  copy.writeUInt16BE(width, pos + 7)
  return copy
}

/** Pads after the end-of-image marker, where decoders stop reading: same image, more bytes. */
const paddedTo = (image: Buffer, length: number) => Buffer.concat([image, Buffer.alloc(length - image.length)])

async function refusal(image: Buffer, guard = createImageGuard()) {
  const error = await guard.prepare(image).then(
    () => null,
    (err: unknown) => err,
  )
  expect(error).toBeInstanceOf(ProviderError)
  const { code, message } = error as ProviderError
  return { code, message }
}

const ONLY_WECHAT_FORMATS = '所选文件不是图片：仅支持 JPG、PNG、BMP 图片'

describe('IMAGE_GUARD: createImageGuard passes what WeChat OCR takes, unchanged', () => {
  test.each([
    ['baseline JPEG', () => jpeg(1200, 800), 1200, 800],
    ['progressive JPEG', () => canvas(1600, 1067).jpeg({ progressive: true }).toBuffer(), 1600, 1067],
    ['EXIF-rotated JPEG (stored size)', () => canvas(1600, 1200).jpeg().withMetadata({ orientation: 6 }).toBuffer(), 1600, 1200],
    ['PNG', () => canvas(900, 600).png().toBuffer(), 900, 600],
    ['BMP', async () => BMP, 2, 2],
  ])('%s', async (_name, make, width, height) => {
    const image = await make()
    const prepared = await createImageGuard().prepare(image)
    expect(prepared.image).toBe(image) // the very buffer: nothing re-encoded
    expect([prepared.width, prepared.height]).toEqual([width, height])
  })

  test('no warning for a photo, the same small-image warning as before for a small one', async () => {
    expect((await createImageGuard().prepare(await jpeg(1600, 1200))).warnings).toEqual([])
    expect((await createImageGuard().prepare(await jpeg(400, 299))).warnings).toEqual(['图片过小，可能无法识别小字'])
  })

  test('exactly 2 MB passes; 2 MB + 1 byte is too large, with the limit in the message', async () => {
    const photo = await jpeg(1600, 1200)
    const atLimit = paddedTo(photo, MAX_UPLOAD_BYTES)
    expect((await createImageGuard().prepare(atLimit)).image).toBe(atLimit)
    expect(await refusal(paddedTo(photo, MAX_UPLOAD_BYTES + 1))).toEqual({
      code: 'IMAGE_TOO_LARGE',
      message: '图片过大，请压缩后重试：图片大小超过 2 MB',
    })
  })

  test('a smaller byte limit is honoured and named', async () => {
    const guard = createImageGuard({ maxBytes: 500 * 1024 })
    expect(await refusal(paddedTo(await jpeg(800, 600), 500 * 1024 + 1), guard)).toEqual({
      code: 'IMAGE_TOO_LARGE',
      message: '图片过大，请压缩后重试：图片大小超过 500 KB',
    })
  })
})

describe('IMAGE_GUARD: refusals, before the provider spends quota', () => {
  test.each([
    ['text', async () => Buffer.from('not an image at all, just some text')],
    ['empty', async () => Buffer.alloc(0)],
    ['PDF', async () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1')],
    ['WebP (WeChat OCR does not take it)', () => canvas(800, 600).webp().toBuffer()],
    ['GIF (WeChat OCR does not take it)', () => canvas(800, 600).gif().toBuffer()],
  ])('%s: not an image it accepts, and the message lists exactly the accepted formats', async (_name, make) => {
    expect(await refusal(await make())).toEqual({ code: 'IMAGE_NOT_IMAGE', message: ONLY_WECHAT_FORMATS })
  })

  test('a narrower format list is both enforced and named', async () => {
    const guard = createImageGuard({ accept: ['jpeg'] })
    expect(await refusal(await canvas(800, 600).png().toBuffer(), guard)).toEqual({
      code: 'IMAGE_NOT_IMAGE',
      message: '所选文件不是图片：仅支持 JPG 图片',
    })
    await expect(guard.prepare(await jpeg(800, 600))).resolves.toMatchObject({ width: 800, height: 600 })
  })

  test('a file cut off before its frame header is unreadable', async () => {
    const withExif = await canvas(800, 600).jpeg().withMetadata({ orientation: 1 }).toBuffer()
    expect(await refusal(withExif.subarray(0, 150))).toMatchObject({ code: 'IMAGE_UNREADABLE' })
    expect(await refusal((await canvas(800, 600).png().toBuffer()).subarray(0, 20))).toMatchObject({ code: 'IMAGE_UNREADABLE' })
  })

  test('zero declared dimensions are unreadable', async () => {
    expect(await refusal(declaring(await jpeg(8, 8), 8, 0))).toMatchObject({ code: 'IMAGE_UNREADABLE' })
    expect(await refusal(declaring(await canvas(8, 8).png().toBuffer(), 0, 8))).toMatchObject({ code: 'IMAGE_UNREADABLE' })
  })

  test('decompression bombs: a sub-kilobyte JPEG declaring 16383×16383, a PNG declaring 30000×30000', async () => {
    const jpegBomb = declaring(await canvas(8, 8).jpeg({ progressive: true }).toBuffer(), 16383, 16383)
    expect(jpegBomb.length).toBeLessThan(1024)
    expect(await refusal(jpegBomb)).toEqual({
      code: 'IMAGE_TOO_LARGE',
      message: '图片过大，请压缩后重试：图片尺寸 16383×16383 超过 4000 万像素',
    })
    const pngBomb = declaring(await canvas(8, 8).png().toBuffer(), 30000, 30000)
    expect(await refusal(pngBomb)).toMatchObject({ code: 'IMAGE_TOO_LARGE' })
  })

  test('absurd side lengths and aspect ratios under the pixel bound are refused too', async () => {
    const small = await jpeg(8, 8)
    expect(await refusal(declaring(small, 20000, 100))).toEqual({
      code: 'IMAGE_TOO_LARGE',
      message: '图片过大，请压缩后重试：图片边长超过 12000 像素',
    })
    expect(await refusal(declaring(small, 400, 5000))).toEqual({
      code: 'IMAGE_TOO_LARGE',
      message: '图片过大，请压缩后重试：图片长宽比超过 10:1',
    })
  })

  test('whatever the bytes, it passes them on unchanged or refuses with one of the image codes', async () => {
    const photo = await jpeg(64, 48)
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 })).map(([cut, flips]) => {
            const bytes = Uint8Array.from(photo)
            for (const [at, value] of flips) bytes[at % bytes.length] = value
            return bytes.subarray(0, cut % (bytes.length + 1))
          }),
        ),
        async (bytes) => {
          const image = Buffer.from(bytes)
          const outcome = await createImageGuard().prepare(image).then(
            (prepared) => prepared,
            (err: unknown) => err,
          )
          if (outcome instanceof ProviderError) {
            expect(['IMAGE_NOT_IMAGE', 'IMAGE_UNREADABLE', 'IMAGE_TOO_LARGE']).toContain(outcome.code)
          } else {
            expect(outcome).toMatchObject({ image })
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
