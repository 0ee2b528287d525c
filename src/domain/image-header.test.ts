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

describe('hand-made headers at their bounds', () => {
  const reading = (...bytes: number[]) => readImageHeader(Uint8Array.from(bytes))
  const unreadable = (kind: ImageKind, reason: string | RegExp) => ({ status: 'unreadable', kind, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) })
  /** SOF0 for width×height: length 11, precision, height, width, one component. */
  const sof = (width: number, height: number, length = 11) => [0xff, 0xc0, 0, length, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0].slice(0, 2 + length)
  const SOI = [0xff, 0xd8]

  describe('JPEG', () => {
    test('stray bytes between segments are skipped, as a decoder does', () => {
      expect(reading(...SOI, 0xff, 0xe0, 0, 4, 0, 0, 0x12, 0x34, 0x56, ...sof(40, 30))).toEqual(ok('jpeg', 40, 30))
    })

    test('stuffed 0xFF00 and the length-less TEM and RST markers are stepped over', () => {
      expect(reading(...SOI, 0xff, 0x01, 0xff, 0xd0, 0xff, 0xd7, 0xff, 0x00, ...sof(40, 30))).toEqual(ok('jpeg', 40, 30))
    })

    test.each([
      ['scan data', 0xda, 'scan data before the frame header'],
      ['end of image', 0xd9, 'end of image before the frame header'],
      ['a second start of image', 0xd8, 'second start of image before the frame header'],
    ])('%s before the frame header stops the walk, even when a frame header follows', (_name, marker, reason) => {
      expect(reading(...SOI, 0xff, marker, 0, 2, ...sof(40, 30))).toEqual(unreadable('jpeg', reason))
    })

    test('a segment length under 2 stops the walk, even when a frame header follows', () => {
      expect(reading(...SOI, 0xff, 0xe1, 0, 0, ...sof(40, 30))).toEqual(unreadable('jpeg', 'segment 0xFFE1 declares length 0'))
      expect(reading(...SOI, 0xff, 0xe1, 0, 1, ...sof(40, 30))).toEqual(unreadable('jpeg', 'segment 0xFFE1 declares length 1'))
    })

    test('a frame header shorter than 8 bytes is refused; 8 bytes hold the size', () => {
      expect(reading(...SOI, ...sof(40, 30, 7), 0, 0, 0, 0)).toEqual(unreadable('jpeg', 'frame header of 7 bytes'))
      expect(reading(...SOI, ...sof(40, 30, 8), 0, 0, 0)).toEqual(ok('jpeg', 40, 30))
    })

    test('the file may end right after the width', () => {
      // An empty comment first: the 12 bytes a signature needs.
      expect(reading(...SOI, 0xff, 0xfe, 0, 2, ...sof(640, 480).slice(0, 9))).toEqual(ok('jpeg', 640, 480))
      expect(reading(...SOI, 0xff, 0xfe, 0, 2, ...sof(640, 480).slice(0, 8))).toEqual(unreadable('jpeg', 'truncated frame header'))
    })

    test('where it is cut tells why it is unreadable', () => {
      expect(reading(...SOI, 0xff, 0xe0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8)).toEqual(unreadable('jpeg', 'truncated before the frame header'))
      expect(reading(...SOI, 0xff, 0xe0, 0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)).toEqual(unreadable('jpeg', 'truncated before the frame header'))
      expect(reading(...SOI, 0xff, 0xe0, 0, 2, 0xff, 0xfe, 0, 2, 0xff, 0xc0)).toEqual(unreadable('jpeg', 'truncated segment length'))
      expect(reading(...SOI, 0xff, 0xe0, 0, 2, 0xff, 0xfe, 0, 2, 0xff, 0xc0, 0, 11)).toEqual(unreadable('jpeg', 'truncated frame header'))
    })

    test(`a frame header after 1023 segments is read; after 1024 it is not`, () => {
      const comments = (n: number) => new Array(n).fill([0xff, 0xfe, 0, 2]).flat()
      expect(reading(...SOI, ...comments(1023), ...sof(8, 8))).toEqual(ok('jpeg', 8, 8))
      expect(reading(...SOI, ...comments(1024), ...sof(8, 8))).toEqual(unreadable('jpeg', 'more than 1024 segments before the frame header'))
    })
  })

  describe('PNG', () => {
    const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
    const u32 = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
    const ihdr = (width: number, height: number, length = 13) => [...u32(length), ...Buffer.from('IHDR'), ...u32(width), ...u32(height)]

    test('24 bytes hold the size; fewer do not', () => {
      expect(reading(...SIGNATURE, ...ihdr(300, 200))).toEqual(ok('png', 300, 200))
      expect(reading(...SIGNATURE, ...ihdr(300, 200).slice(0, 15))).toEqual(unreadable('png', 'truncated before IHDR'))
    })

    test('every byte of the 8-byte signature is checked, not only the 4 that identify the format', () => {
      for (let i = 4; i < 8; i++) {
        const damaged = [...SIGNATURE]
        damaged[i] ^= 0x20
        expect(reading(...damaged, ...ihdr(300, 200))).toEqual(unreadable('png', 'damaged PNG signature'))
      }
    })

    test('an IHDR whose length is not 13 is refused', () => {
      expect(reading(...SIGNATURE, ...ihdr(300, 200, 12))).toEqual(unreadable('png', 'IHDR of 12 bytes'))
    })

    test('sides up to 2^31 - 1 read; a larger height is refused too', () => {
      expect(reading(...SIGNATURE, ...ihdr(0x7fffffff, 0x7fffffff))).toEqual(ok('png', 0x7fffffff, 0x7fffffff))
      expect(reading(...SIGNATURE, ...ihdr(8, 0x80000000))).toEqual(unreadable('png', 'IHDR side above 2^31 - 1'))
    })
  })

  describe('BMP', () => {
    const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff]
    const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]
    const fileHeader = [0x42, 0x4d, ...le32(0), ...le32(0), ...le32(0)]

    test('the core header needs 22 bytes, the info header 26', () => {
      expect(reading(...fileHeader, ...le32(12), ...le16(6), ...le16(4))).toEqual(ok('bmp', 6, 4))
      expect(reading(...fileHeader, ...le32(12), ...le16(6), 4)).toEqual(unreadable('bmp', 'truncated core header'))
      expect(reading(...fileHeader, ...le32(40), ...le32(7), ...le32(9))).toEqual(ok('bmp', 7, 9))
      expect(reading(...fileHeader, ...le32(40), ...le32(7), 9, 0, 0)).toEqual(unreadable('bmp', 'truncated info header'))
      expect(reading(...fileHeader, 40, 0, 0)).toEqual(unreadable('bmp', 'truncated before the DIB header'))
    })

    test('a negative width is named as such, a zero side as zero', () => {
      expect(readImageHeader(bmp(-2, 2))).toEqual(unreadable('bmp', 'negative width -2'))
      expect(readImageHeader(bmp(0, 2))).toEqual(unreadable('bmp', /^zero or negative dimension 0x2/))
    })
  })

  describe('GIF', () => {
    const screen = [0x40, 0x01, 0xf0, 0x00, 0, 0, 0]

    test('GIF87a and GIF89a read; any other version does not', () => {
      expect(reading(...Buffer.from('GIF87a'), ...screen)).toEqual(ok('gif', 320, 240))
      expect(reading(...Buffer.from('GIF89a'), ...screen)).toEqual(ok('gif', 320, 240))
      expect(reading(...Buffer.from('GIF88a'), ...screen)).toEqual(unreadable('gif', 'unknown GIF version "GIF88a"'))
    })
  })

  describe('WebP', () => {
    const riff = (chunk: string, body: number[]) => [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP'), ...Buffer.from(chunk), 0, 0, 0, 0, ...body]
    // Key frame tag, start code 9D 01 2A, 14-bit sides 333 and 777.
    const vp8 = [0x10, 0, 0, 0x9d, 0x01, 0x2a, 333 & 0xff, 333 >> 8, 777 & 0xff, 777 >> 8]
    // Signature 2F, then width-1 and height-1 in 14 bits each, little-endian: 333×777.
    const bits = 332 | (776 << 14)
    const vp8l = [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]
    // Flags, reserved, then 24-bit width-1 and height-1: 333×777.
    const vp8x = [0x10, 0, 0, 0, 332 & 0xff, 332 >> 8, 0, 776 & 0xff, 776 >> 8, 0]

    test('each chunk reads from exactly as many bytes as its header has, and not from one fewer', () => {
      expect(reading(...riff('VP8 ', vp8))).toEqual(ok('webp', 333, 777))
      expect(reading(...riff('VP8 ', vp8.slice(0, 9)))).toEqual(unreadable('webp', 'truncated VP8 frame header'))
      expect(reading(...riff('VP8L', vp8l))).toEqual(ok('webp', 333, 777))
      expect(reading(...riff('VP8L', vp8l.slice(0, 4)))).toEqual(unreadable('webp', 'truncated VP8L header'))
      expect(reading(...riff('VP8X', vp8x))).toEqual(ok('webp', 333, 777))
      expect(reading(...riff('VP8X', vp8x.slice(0, 9)))).toEqual(unreadable('webp', 'truncated VP8X header'))
      expect(reading(...riff('VP8 ', []).slice(0, 19))).toEqual(unreadable('webp', 'truncated before the first chunk'))
    })

    test('a VP8 stream that is not a key frame, or has a broken start code, is refused', () => {
      expect(reading(...riff('VP8 ', [0x11, ...vp8.slice(1)]))).toEqual(unreadable('webp', 'VP8 stream does not start with a key frame'))
      for (const at of [3, 4, 5]) {
        const broken = [...vp8]
        broken[at] = 0
        expect(reading(...riff('VP8 ', broken))).toEqual(unreadable('webp', 'bad VP8 start code'))
      }
    })

    test('a VP8L chunk without its signature byte is refused', () => {
      expect(reading(...riff('VP8L', [0x2e, ...vp8l.slice(1)]))).toEqual(unreadable('webp', 'bad VP8L signature'))
    })
  })
})
