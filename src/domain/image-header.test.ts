import fc from 'fast-check'
import sharp from 'sharp'
import { readImageHeader, type ImageHeaderReading } from './image-header'
import { oversizeReason, type ImageKind } from './image'

// Real encoders for the real formats; BMP (which sharp does not write) and hostile headers by hand.
const canvas = (width: number, height: number, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 200, g: 120, b: 40, alpha: 0.5 } } })

const ok = (kind: ImageKind, width: number, height: number): ImageHeaderReading => ({ status: 'ok', kind, width, height })
const statusOf = (bytes: Uint8Array) => readImageHeader(bytes).status
const ascii = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1')

/** Offset of the first JPEG segment with one of these markers (walks segments like a decoder would). */
function jpegSegmentAt(jpeg: Buffer, ...markers: number[]): number {
  let pos = 2
  while (pos + 4 <= jpeg.length) {
    if (markers.includes(jpeg[pos + 1])) return pos
    pos += 2 + jpeg.readUInt16BE(pos + 2)
  }
  throw new Error(`no marker ${markers.map((m) => m.toString(16))}`)
}

/** Replaces the declared frame size of a real JPEG (SOF0 or SOF2), leaving the rest as it was. */
function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg)
  const sof = jpegSegmentAt(copy, 0xc0, 0xc2)
  copy.writeUInt16BE(height, sof + 5)
  copy.writeUInt16BE(width, sof + 7)
  return copy
}

function pngDeclaring(png: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(png)
  copy.writeUInt32BE(width, 16)
  copy.writeUInt32BE(height, 20)
  return copy
}

/** A 24-bit BMP with the given DIB header size; `height` negative for top-down rows. */
function bmp(width: number, height: number, dibSize = 40): Buffer {
  const rowBytes = Math.ceil((Math.abs(width) * 3) / 4) * 4
  const pixels = rowBytes * Math.abs(height)
  const file = Buffer.alloc(14 + dibSize + pixels, 0x80)
  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(0, 6)
  file.writeUInt32LE(14 + dibSize, 10)
  file.writeUInt32LE(dibSize, 14)
  if (dibSize === 12) {
    file.writeUInt16LE(width, 18)
    file.writeUInt16LE(height, 20)
    file.writeUInt16LE(1, 22)
    file.writeUInt16LE(24, 24)
  } else {
    file.writeInt32LE(width, 18)
    file.writeInt32LE(height, 22)
    file.writeUInt16LE(1, 26)
    file.writeUInt16LE(24, 28)
    file.fill(0, 30, 14 + dibSize)
  }
  return file
}

/** Length of the shortest prefix whose header reads; every shorter prefix must read as truncated. */
function shortestReadablePrefix(bytes: Buffer): number {
  for (let length = 0; length <= bytes.length; length++) {
    if (statusOf(bytes.subarray(0, length)) === 'ok') return length
  }
  throw new Error('never readable')
}

describe('real images made by an encoder', () => {
  test.each([
    [1, 1],
    [8, 8],
    [800, 600],
    [1200, 1600],
    [1600, 1067],
    [4000, 3000],
    [17, 65500],
  ])('baseline JPEG %i×%i', async (width, height) => {
    expect(readImageHeader(await canvas(width, height).jpeg().toBuffer())).toEqual(ok('jpeg', width, height))
  })

  test('progressive JPEG (SOF2)', async () => {
    const jpeg = await canvas(1024, 768).jpeg({ progressive: true }).toBuffer()
    expect(() => jpegSegmentAt(jpeg, 0xc0)).toThrow()
    expect(jpegSegmentAt(jpeg, 0xc2)).toBeGreaterThan(0)
    expect(readImageHeader(jpeg)).toEqual(ok('jpeg', 1024, 768))
  })

  test('EXIF-tagged JPEG: the APP1 segment before the frame header is skipped, sides as stored', async () => {
    const jpeg = await canvas(640, 480).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    expect(jpegSegmentAt(jpeg, 0xe1)).toBeLessThan(jpegSegmentAt(jpeg, 0xc0))
    expect(ascii(jpeg, jpegSegmentAt(jpeg, 0xe1) + 4, jpegSegmentAt(jpeg, 0xe1) + 8)).toBe('Exif')
    // The header states the stored (unrotated) size; orientation is a decoder's concern.
    expect(readImageHeader(jpeg)).toEqual(ok('jpeg', 640, 480))
  })

  test.each([
    [1, 1],
    [300, 200],
    [1600, 1200],
  ])('PNG %i×%i', async (width, height) => {
    expect(readImageHeader(await canvas(width, height).png().toBuffer())).toEqual(ok('png', width, height))
  })

  test.each([
    ['VP8 ', 'lossy', (s: sharp.Sharp) => s.webp({ quality: 80 }), false],
    ['VP8L', 'lossless', (s: sharp.Sharp) => s.webp({ lossless: true }), false],
    ['VP8X', 'lossy with alpha', (s: sharp.Sharp) => s.webp({ quality: 80 }), true],
  ] as const)('WebP %s (%s)', async (chunk, _label, encode, alpha) => {
    for (const [width, height] of [[1, 1], [333, 777], [1600, 1200], [16383, 2]] as const) {
      const webp = await encode(canvas(width, height, alpha)).toBuffer()
      expect(ascii(webp, 12, 16)).toBe(chunk)
      expect(readImageHeader(webp)).toEqual(ok('webp', width, height))
    }
  })

  test('GIF logical screen', async () => {
    expect(readImageHeader(await canvas(320, 240).gif().toBuffer())).toEqual(ok('gif', 320, 240))
  })

  test('the encoder and the header agree on every image, whatever its size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1200 }), fc.integer({ min: 1, max: 1200 }), async (width, height) => {
        const png = await canvas(width, height).png({ compressionLevel: 1 }).toBuffer()
        const jpeg = await canvas(width, height).jpeg({ progressive: width % 2 === 0 }).toBuffer()
        expect(readImageHeader(png)).toEqual(ok('png', width, height))
        expect(readImageHeader(jpeg)).toEqual(ok('jpeg', width, height))
      }),
      { numRuns: 15 },
    )
  })
})

describe('BMP', () => {
  test('bottom-up, top-down (negative height) and every known header size', () => {
    expect(readImageHeader(bmp(2, 2))).toEqual(ok('bmp', 2, 2))
    expect(readImageHeader(bmp(5, -3))).toEqual(ok('bmp', 5, 3))
    for (const dibSize of [40, 52, 56, 64, 108, 124]) expect(readImageHeader(bmp(7, 9, dibSize))).toEqual(ok('bmp', 7, 9))
    expect(readImageHeader(bmp(6, 4, 12))).toEqual(ok('bmp', 6, 4))
  })

  test('an unknown DIB header or a negative width is unreadable', () => {
    expect(readImageHeader(bmp(2, 2, 41))).toMatchObject({ status: 'unreadable', kind: 'bmp' })
    expect(readImageHeader(bmp(-2, 2))).toMatchObject({ status: 'unreadable', kind: 'bmp' })
  })

})

describe('hostile and hand-made headers', () => {
  test('a tiny JPEG declaring 16383×16383 reads as declared, and the bounds refuse it', async () => {
    const bomb = jpegDeclaring(await canvas(8, 8).jpeg({ progressive: true }).toBuffer(), 16383, 16383)
    expect(bomb.length).toBeLessThan(1024)
    expect(readImageHeader(bomb)).toEqual(ok('jpeg', 16383, 16383))
    expect(oversizeReason(16383, 16383)).toMatch(/16383×16383/)
  })

  test('a PNG whose IHDR declares 30000×30000 reads as declared, and the bounds refuse it', async () => {
    const bomb = pngDeclaring(await canvas(8, 8).png().toBuffer(), 30000, 30000)
    expect(readImageHeader(bomb)).toEqual(ok('png', 30000, 30000))
    expect(oversizeReason(30000, 30000)).not.toBeNull()
  })

  test('a PNG side above 2^31 - 1 is unreadable', async () => {
    const png = pngDeclaring(await canvas(8, 8).png().toBuffer(), 0x80000000, 8)
    expect(readImageHeader(png)).toMatchObject({ status: 'unreadable', kind: 'png' })
  })

  test('zero dimensions are unreadable in every format', async () => {
    const jpeg = await canvas(8, 8).jpeg().toBuffer()
    const png = await canvas(8, 8).png().toBuffer()
    const gif = Buffer.from(await canvas(8, 8).gif().toBuffer())
    gif.writeUInt16LE(0, 8)
    const cases: Array<[ImageKind, Buffer]> = [
      ['jpeg', jpegDeclaring(jpeg, 8, 0)], // height 0 = "defined by a DNL marker later": not a photo
      ['jpeg', jpegDeclaring(jpeg, 0, 8)],
      ['png', pngDeclaring(png, 0, 8)],
      ['bmp', bmp(0, 2)],
      ['bmp', bmp(3, 0, 12)],
      ['gif', gif],
    ]
    for (const [kind, bytes] of cases) expect(readImageHeader(bytes)).toMatchObject({ status: 'unreadable', kind })
  })

  test('the PNG chunk type is checked, not just its position', async () => {
    const png = Buffer.from(await canvas(8, 8).png().toBuffer())
    png.write('CgBI', 12, 'latin1') // Apple's crushed PNG: a chunk before IHDR
    expect(readImageHeader(png)).toMatchObject({ status: 'unreadable', kind: 'png', reason: 'first chunk is not IHDR' })
  })

  test('JPEG fill bytes (0xFF runs) before a marker are skipped', async () => {
    const jpeg = await canvas(40, 30).jpeg().toBuffer()
    const sof = jpegSegmentAt(jpeg, 0xc0)
    const padded = Buffer.concat([jpeg.subarray(0, sof), Buffer.alloc(7, 0xff), jpeg.subarray(sof)])
    expect(readImageHeader(padded)).toEqual(ok('jpeg', 40, 30))
  })

  test('a DHT (0xC4), JPG (0xC8) or DAC (0xCC) segment is not mistaken for a frame header', () => {
    const segment = (marker: number, body: number[]) => [0xff, marker, 0, body.length + 2, ...body]
    const looksLikeSof = [8, 0x3f, 0xff, 0x3f, 0xff, 1, 1, 0x11, 0] // would read as 16383×16383
    const jpeg = Uint8Array.from([
      0xff, 0xd8,
      ...segment(0xc4, looksLikeSof),
      ...segment(0xc8, looksLikeSof),
      ...segment(0xcc, looksLikeSof),
      ...segment(0xc0, [8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0]),
    ])
    expect(readImageHeader(jpeg)).toEqual(ok('jpeg', 640, 480))
  })

  test.each([
    ['SOS', 0xda],
    ['EOI', 0xd9],
    ['a second SOI', 0xd8],
  ])('%s before any frame header is unreadable', (_name, marker) => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, marker, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(readImageHeader(jpeg)).toMatchObject({ status: 'unreadable', kind: 'jpeg' })
  })

  test('a segment declaring a length under 2 is unreadable (it would never advance)', () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0, 1, ...new Array(20).fill(0xff)])
    expect(readImageHeader(jpeg)).toMatchObject({ status: 'unreadable', kind: 'jpeg' })
  })

  test('thousands of empty segments before the frame header are refused, not walked forever', () => {
    const comments = new Array(5000).fill([0xff, 0xfe, 0, 2]).flat()
    const jpeg = Uint8Array.from([0xff, 0xd8, ...comments, 0xff, 0xc0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0])
    expect(readImageHeader(jpeg)).toMatchObject({ status: 'unreadable', kind: 'jpeg', reason: expect.stringMatching(/segments/) })
  })

  test('a WebP with an unknown first chunk or a broken VP8 start code is unreadable', async () => {
    const lossy = Buffer.from(await canvas(16, 16).webp().toBuffer())
    const unknown = Buffer.from(lossy)
    unknown.write('VP9 ', 12, 'latin1')
    const badStart = Buffer.from(lossy)
    badStart[23] = 0
    expect(readImageHeader(unknown)).toMatchObject({ status: 'unreadable', kind: 'webp' })
    expect(readImageHeader(badStart)).toMatchObject({ status: 'unreadable', kind: 'webp' })
  })
})

describe('truncated files', () => {
  test.each([
    ['jpeg', () => canvas(640, 480).jpeg().withMetadata({ orientation: 3 }).toBuffer()],
    ['progressive jpeg', () => canvas(640, 480).jpeg({ progressive: true }).toBuffer()],
    ['png', () => canvas(640, 480).png().toBuffer()],
    ['webp VP8', () => canvas(640, 480).webp().toBuffer()],
    ['webp VP8L', () => canvas(640, 480).webp({ lossless: true }).toBuffer()],
    ['webp VP8X', () => canvas(640, 480, true).webp().toBuffer()],
    ['gif', () => canvas(640, 480).gif().toBuffer()],
    ['bmp', async () => bmp(640, 480)],
  ])('%s: every prefix that stops inside the header is unreadable, never misread', async (_name, make) => {
    const whole = await make()
    const expected = readImageHeader(whole)
    expect(expected).toMatchObject({ status: 'ok', width: 640, height: 480 })
    const complete = shortestReadablePrefix(whole)
    for (let length = 0; length < complete; length++) {
      // Under 12 bytes there is no signature to go by at all.
      expect(statusOf(whole.subarray(0, length))).toBe(length < 12 ? 'not-image' : 'unreadable')
    }
    for (let length = complete; length <= whole.length; length += Math.max(1, Math.floor(whole.length / 50))) {
      expect(readImageHeader(whole.subarray(0, length))).toEqual(expected)
    }
    expect(complete).toBeLessThan(whole.length)
  })

  test('the 200-byte head of a real JPEG, with its frame header cut off, is unreadable', async () => {
    const jpeg = await canvas(800, 600).jpeg().withMetadata({ orientation: 1 }).toBuffer()
    expect(jpegSegmentAt(jpeg, 0xc0)).toBeGreaterThan(200)
    expect(readImageHeader(jpeg.subarray(0, 200))).toMatchObject({ status: 'unreadable', kind: 'jpeg' })
  })
})

describe('not images', () => {
  test('text, empty and random-looking data', () => {
    expect(readImageHeader(new TextEncoder().encode('hello, this is not an image'))).toEqual({ status: 'not-image' })
    expect(readImageHeader(new Uint8Array())).toEqual({ status: 'not-image' })
    expect(readImageHeader(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x25, 0xe2, 0xe3]))).toEqual({
      status: 'not-image', // %PDF-1.7
    })
  })

  test('a view into a larger buffer reads from its own offset', async () => {
    const png = await canvas(12, 34).png().toBuffer()
    const backing = new Uint8Array(png.length + 100)
    backing.set(png, 37)
    expect(readImageHeader(backing.subarray(37, 37 + png.length))).toEqual(ok('png', 12, 34))
  })
})

describe('never throws', () => {
  const signatures: number[][] = [
    [0xff, 0xd8, 0xff],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    [0x42, 0x4d],
    [...Buffer.from('GIF89a')],
    [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')],
    [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')],
    [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8L')],
    [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8X')],
  ]

  const isWellFormed = (reading: ImageHeaderReading) =>
    reading.status !== 'ok' ||
    (Number.isInteger(reading.width) && Number.isInteger(reading.height) && reading.width > 0 && reading.height > 0)

  test('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        expect(isWellFormed(readImageHeader(bytes))).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  test('on arbitrary bytes behind every known signature', () => {
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 64 }), (signature, tail) => {
        const bytes = Uint8Array.from([...signature, ...tail])
        const reading = readImageHeader(bytes)
        if (bytes.length >= 12) expect(reading.status).not.toBe('not-image')
        expect(isWellFormed(reading)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })

  test('on real images with bytes flipped or cut anywhere', async () => {
    const images = await Promise.all([
      canvas(64, 48).jpeg({ progressive: true }).withMetadata({ orientation: 6 }).toBuffer(),
      canvas(64, 48).png().toBuffer(),
      canvas(64, 48, true).webp().toBuffer(),
    ])
    fc.assert(
      fc.property(
        fc.constantFrom(...images),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(),
        (image, flips, cut) => {
          const bytes = Uint8Array.from(image)
          for (const [at, value] of flips) bytes[at % bytes.length] = value
          expect(isWellFormed(readImageHeader(bytes.subarray(0, cut % (bytes.length + 1))))).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('bounds on what a header declares (oversizeReason)', () => {
  test('ordinary photos and scans pass', () => {
    for (const [width, height] of [[1600, 1200], [4000, 3000], [3000, 4000], [7300, 5470], [300, 200], [1170, 2532]]) {
      expect(oversizeReason(width, height)).toBeNull()
    }
  })

  test('too many pixels, too long a side, or a strip-like aspect ratio is refused, with a Chinese reason', () => {
    expect(oversizeReason(8000, 6000)).toBe('图片尺寸 8000×6000 超过 4000 万像素')
    expect(oversizeReason(12001, 1300)).toBe('图片边长超过 12000 像素')
    expect(oversizeReason(5000, 400)).toBe('图片长宽比超过 10:1')
    expect(oversizeReason(16383, 16383)).not.toBeNull()
  })
})
