// The formats /api/upload accepts are exactly those the sharp preparer decodes, and both refuse
// the others with one message: a BMP used to pass the upload and fail later as "unreadable".
import sharp from 'sharp'
import { sniffImageKind, type ImageKind } from '../src/domain/image'
import { appError } from '../src/domain/errors'
import { LOCAL_IMAGE_KINDS, unsupportedImage } from './image-formats'
import { createSharpImagePreparer } from './image-prep'

const canvas = () => sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 90, g: 120, b: 200 } } })

/** A tiny valid file of each kind the sniff knows. */
const SAMPLES: Record<ImageKind, () => Promise<Buffer>> = {
  jpeg: () => canvas().jpeg().toBuffer(),
  png: () => canvas().png().toBuffer(),
  webp: () => canvas().webp().toBuffer(),
  gif: () => canvas().gif().toBuffer(),
  bmp: async () => bmp(640, 400),
}

/** 24-bit BMP (BITMAPINFOHEADER): sharp writes none, so it is built by hand. */
function bmp(width: number, height: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4
  const file = Buffer.alloc(54 + row * height, 0x80)
  file.write('BM', 0, 'ascii')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(54, 10)
  file.writeUInt32LE(40, 14)
  file.writeInt32LE(width, 18)
  file.writeInt32LE(height, 22)
  file.writeUInt16LE(1, 26)
  file.writeUInt16LE(24, 28)
  file.writeUInt32LE(row * height, 34)
  return file
}

test('the message names exactly the accepted formats', () => {
  expect(LOCAL_IMAGE_KINDS).toEqual(['jpeg', 'png', 'webp'])
  expect(unsupportedImage()).toEqual(appError('IMAGE_NOT_IMAGE', '仅支持 JPG、PNG、WebP 图片'))
})

test.each(LOCAL_IMAGE_KINDS)('%s: this sharp build decodes it, and the preparer turns it into a JPEG', async (kind) => {
  expect(sharp.format[kind].input.buffer).toBe(true)
  const sample = await SAMPLES[kind]()
  expect(sniffImageKind(sample)).toBe(kind)
  const prepared = await createSharpImagePreparer().prepare(sample)
  expect(sniffImageKind(prepared.image)).toBe('jpeg')
  expect([prepared.width, prepared.height]).toEqual([640, 400])
})

test.each(['bmp', 'gif'] as const)('%s is refused by the preparer with the upload message', async (kind) => {
  const sample = await SAMPLES[kind]()
  expect(sniffImageKind(sample)).toBe(kind)
  await expect(createSharpImagePreparer().prepare(sample)).rejects.toMatchObject(unsupportedImage())
})

test('BMP really does not decode here: accepting it would only fail later', async () => {
  await expect(sharp(bmp(64, 64)).metadata()).rejects.toThrow()
})
