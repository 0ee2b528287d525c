import type sharpModule from 'sharp'
import { MAX_INPUT_PIXELS } from '../src/domain/image'
import { createSharpImagePreparer } from './image-prep'

// Every call into sharp is recorded (and still runs): what the preparer decodes, and with which limits.
jest.mock('sharp', () => {
  const actual = jest.requireActual('sharp')
  return Object.assign(jest.fn((...args: unknown[]) => actual(...args)), actual)
})
const real: typeof sharpModule = jest.requireActual('sharp')
const sharpCalls = () => (jest.requireMock('sharp') as jest.Mock).mock.calls as Array<[unknown, sharpModule.SharpOptions?]>

const canvas = (width: number, height: number) =>
  real({ create: { width, height, channels: 3, background: { r: 230, g: 235, b: 240 } } })

/** A real small JPEG whose frame header claims another size: the classic decompression bomb. */
function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg)
  let pos = 2
  while (copy[pos + 1] !== 0xc0 && copy[pos + 1] !== 0xc2) pos += 2 + copy.readUInt16BE(pos + 2)
  copy.writeUInt16BE(height, pos + 5)
  copy.writeUInt16BE(width, pos + 7)
  return copy
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (err: unknown) => err)
  expect(error).not.toBeNull()
  return error as { code: string; message: string }
}

beforeEach(() => (jest.requireMock('sharp') as jest.Mock).mockClear())

test('a 1 KB progressive JPEG declaring 16383×16383 is refused from its header, before sharp is called', async () => {
  const bomb = jpegDeclaring(await canvas(8, 8).jpeg({ progressive: true }).toBuffer(), 16383, 16383)
  expect(bomb.length).toBeLessThan(1024)
  expect(await errorOf(createSharpImagePreparer().prepare(bomb))).toMatchObject({
    code: 'IMAGE_TOO_LARGE',
    message: '图片过大，请压缩后重试：图片尺寸 16383×16383 超过 4000 万像素',
  })
  expect(sharpCalls()).toEqual([])
})

test('a PNG declaring 30000×30000 and a 20000 px strip are refused the same way', async () => {
  const png = Buffer.from(await canvas(8, 8).png().toBuffer())
  png.writeUInt32BE(30000, 16)
  png.writeUInt32BE(30000, 20)
  expect(await errorOf(createSharpImagePreparer().prepare(png))).toMatchObject({ code: 'IMAGE_TOO_LARGE' })
  const strip = jpegDeclaring(await canvas(8, 8).jpeg().toBuffer(), 20000, 100)
  expect(await errorOf(createSharpImagePreparer().prepare(strip))).toMatchObject({ code: 'IMAGE_TOO_LARGE' })
  expect(sharpCalls()).toEqual([])
})

test('non-images and cut-off headers never reach sharp either', async () => {
  expect(await errorOf(createSharpImagePreparer().prepare(Buffer.from('just some text, long enough')))).toMatchObject({ code: 'IMAGE_NOT_IMAGE' })
  const withExif = await canvas(800, 600).jpeg().withMetadata({ orientation: 1 }).toBuffer()
  expect(await errorOf(createSharpImagePreparer().prepare(withExif.subarray(0, 150)))).toMatchObject({ code: 'IMAGE_UNREADABLE' })
  expect(sharpCalls()).toEqual([])
})

test('a photo is still rotated and capped, and every sharp call carries limitInputPixels', async () => {
  const photo = await canvas(2400, 1800).jpeg().withMetadata({ orientation: 6 }).toBuffer()
  const prepared = await createSharpImagePreparer().prepare(photo)
  expect([prepared.width, prepared.height]).toEqual([1200, 1600])
  expect(prepared.warnings).toEqual([])
  expect(sharpCalls().length).toBeGreaterThan(0)
  for (const [, options] of sharpCalls()) expect(options?.limitInputPixels).toBe(MAX_INPUT_PIXELS)
})

test('a small photo passes with the small-image warning', async () => {
  const prepared = await createSharpImagePreparer().prepare(await canvas(400, 250).png().toBuffer())
  expect([prepared.width, prepared.height]).toEqual([400, 250])
  expect(prepared.warnings).toEqual(['图片过小，可能无法识别小字'])
})
