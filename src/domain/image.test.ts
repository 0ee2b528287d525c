import fc from 'fast-check'
import { fitLongSide, oversizeReason, sniffImageKind, MAX_IMAGE_SIDE, MAX_LONG_SIDE } from './image'

const header = (...bytes: number[]) => Uint8Array.from([...bytes, ...new Array(16).fill(0)])

test.each([
  ['jpeg', header(0xff, 0xd8, 0xff, 0xe0)],
  ['png', header(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
  ['bmp', header(0x42, 0x4d)],
  ['gif', header(0x47, 0x49, 0x46, 0x38)],
  ['webp', Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8 ')])],
] as const)('sniffs %s', (kind, bytes) => {
  expect(sniffImageKind(bytes)).toBe(kind)
})

test('rejects text, empty and truncated data', () => {
  expect(sniffImageKind(new TextEncoder().encode('hello, this is not an image'))).toBeNull()
  expect(sniffImageKind(new Uint8Array())).toBeNull()
  expect(sniffImageKind(Uint8Array.from([0xff, 0xd8, 0xff]))).toBeNull()
})

test('fitLongSide caps the long side, keeps the aspect ratio and never enlarges', () => {
  expect(fitLongSide(4000, 3000)).toEqual({ width: 1600, height: 1200 })
  expect(fitLongSide(3000, 4000, 1280)).toEqual({ width: 960, height: 1280 })
  expect(fitLongSide(800, 600)).toEqual({ width: 800, height: 600 })
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), (w, h) => {
      const out = fitLongSide(w, h)
      expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(Math.max(MAX_LONG_SIDE, 1))
      expect(out.width).toBeLessThanOrEqual(w)
      expect(out.height).toBeLessThanOrEqual(h)
      // aspect kept: each side within rounding of the exact scaled size
      const scale = Math.min(1, MAX_LONG_SIDE / Math.max(w, h))
      expect(Math.abs(out.width - w * scale)).toBeLessThanOrEqual(1)
      expect(Math.abs(out.height - h * scale)).toBeLessThanOrEqual(1)
    }),
  )
})

describe('sniffImageKind needs the whole signature', () => {
  const signatures = [
    ['jpeg', [0xff, 0xd8, 0xff]],
    ['png', [0x89, 0x50, 0x4e, 0x47]],
    ['bmp', [0x42, 0x4d]],
    ['gif', [0x47, 0x49, 0x46]],
  ] as const

  test.each(signatures)('%s: any one signature byte wrong is no image', (kind, signature) => {
    expect(sniffImageKind(header(...signature))).toBe(kind)
    signature.forEach((_, i) => {
      const damaged: number[] = [...signature]
      damaged[i] = 0x00
      expect(sniffImageKind(header(...damaged))).toBeNull()
    })
  })

  test('webp: RIFF and WEBP are both needed', () => {
    const riff = (outer: string, inner: string) => Uint8Array.from([...Buffer.from(outer), 0, 0, 0, 0, ...Buffer.from(inner), 0, 0, 0, 0])
    expect(sniffImageKind(riff('RIFF', 'WEBP'))).toBe('webp')
    expect(sniffImageKind(riff('RIFF', 'WAVE'))).toBeNull()
    expect(sniffImageKind(riff('RIFX', 'WEBP'))).toBeNull()
  })
})

describe('oversizeReason at its bounds', () => {
  test('exactly 40 million pixels passes, one row more does not', () => {
    expect(oversizeReason(8000, 5000)).toBeNull()
    expect(oversizeReason(8000, 5001)).toMatch(/万像素/)
  })

  test('a side of exactly MAX_IMAGE_SIDE passes, one pixel more does not', () => {
    expect(oversizeReason(MAX_IMAGE_SIDE, 3000)).toBeNull()
    expect(oversizeReason(MAX_IMAGE_SIDE + 1, 3000)).toMatch(/边长/)
  })

  test('exactly 10:1 passes, a little more does not', () => {
    expect(oversizeReason(5000, 500)).toBeNull()
    expect(oversizeReason(5001, 500)).toMatch(/长宽比/)
    expect(oversizeReason(500, 5001)).toMatch(/长宽比/)
  })
})
