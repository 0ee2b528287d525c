// The weapp preparation rules over a table of sizes × orientations × formats.
import {
  displayedSize,
  IMAGE_ORIENTATIONS,
  JPEG_QUALITY_STEPS,
  MAX_LONG_SIDE,
  MAX_UPLOAD_BYTES,
  photoFormatOf,
  planPhotoPreparation,
  type PhotoPlan,
} from './image'

const MB = 1024 * 1024
const QUARTER_TURNED = ['left', 'left-mirrored', 'right', 'right-mirrored']
const NO_CANVAS = { canvasJpeg: false }
const CANVAS = { canvasJpeg: true }

describe('displayedSize', () => {
  it.each(IMAGE_ORIENTATIONS.map((o) => [o]))('%s', (orientation) => {
    const turned = QUARTER_TURNED.includes(orientation)
    expect(displayedSize({ width: 4032, height: 3024 }, orientation)).toEqual(
      turned ? { width: 3024, height: 4032 } : { width: 4032, height: 3024 },
    )
  })

  it('treats a missing or unknown orientation as up', () => {
    expect(displayedSize({ width: 10, height: 20 })).toEqual({ width: 10, height: 20 })
    expect(displayedSize({ width: 10, height: 20 }, 'sideways')).toEqual({ width: 10, height: 20 })
  })
})

test.each([
  ['jpeg', 'jpeg'],
  ['JPG', 'jpeg'],
  ['png', 'png'],
  ['bmp', 'bmp'],
  ['webp', 'webp'],
  ['gif', null],
  ['tiff', null],
  ['unknown', null],
  ['', null],
] as const)('photoFormatOf(%p) = %p', (type, format) => {
  expect(photoFormatOf(type)).toBe(format)
})

// A phone photo stored landscape (4032×3024); a quarter-turn orientation shows it portrait.
const sizes = [
  { name: 'phone photo 4032×3024', width: 4032, height: 3024 },
  { name: 'small photo 1200×900', width: 1200, height: 900 },
  { name: 'exactly the cap 1600×1200', width: 1600, height: 1200 },
  { name: 'screenshot 1170×2532', width: 1170, height: 2532 },
]
const byteSizes = [0.4 * MB, 3.5 * MB]
const formats = ['jpeg', 'png'] as const

type Row = [string, string, string, number, boolean]
const rows: Row[] = []
for (const size of sizes)
  for (const orientation of IMAGE_ORIENTATIONS)
    for (const type of formats) for (const bytes of byteSizes) for (const canvas of [false, true]) rows.push([size.name, orientation, type, bytes, canvas])

describe.each(rows)('%s, %s, %s, %d bytes, canvas %p', (sizeName, orientation, type, bytes, canvasJpeg) => {
  const stored = sizes.find((s) => s.name === sizeName)!
  // Planned inside each test (beforeEach), not while the table is collected: code run at collection
  // belongs to no test, and a per-test coverage analysis (the mutation run) would not credit these.
  let plan: PhotoPlan
  beforeEach(() => {
    plan = planPhotoPreparation({ type, width: stored.width, height: stored.height, orientation, bytes }, { canvasJpeg })
  })
  const shown = QUARTER_TURNED.includes(orientation) ? { width: stored.height, height: stored.width } : stored
  const longSide = Math.max(shown.width, shown.height)
  const overCap = longSide > MAX_LONG_SIDE
  const overBytes = bytes > MAX_UPLOAD_BYTES

  it('leaves a photo alone exactly when it already fits', () => {
    expect(plan.kind === 'as-is').toBe(
      (!overCap && !overBytes) || (type === 'png' && !canvasJpeg && !overBytes),
    )
    if (plan.kind === 'as-is') expect(plan.size).toEqual({ width: shown.width, height: shown.height })
  })

  it('sets only the displayed long side when resizing, never enlarging', () => {
    if (plan.kind !== 'compress') return
    expect(plan.qualities).toEqual(JPEG_QUALITY_STEPS.map((q) => Math.round(q * 100)))
    if (!overCap) {
      expect(plan.resize).toBeNull()
      return
    }
    const expected = shown.width >= shown.height ? { compressedWidth: MAX_LONG_SIDE } : { compressedHeight: MAX_LONG_SIDE }
    expect(plan.resize).toEqual(expected)
    expect(Object.keys(plan.resize!)).toHaveLength(1)
    expect(Math.max(plan.expected.width, plan.expected.height)).toBe(MAX_LONG_SIDE)
    // Orientation kept: the expected output is as long as it is wide the same way as shown.
    expect(plan.expected.width >= plan.expected.height).toBe(shown.width >= shown.height)
  })

  it('re-encodes JPEG through compressImage and other formats through the canvas where it can', () => {
    if (plan.kind === 'as-is') return
    if (type === 'jpeg') expect(plan.kind).toBe('compress')
    else expect(plan.kind).toBe(canvasJpeg ? 'canvas' : 'compress')
    if (plan.kind === 'canvas') {
      expect(plan.qualities).toEqual([...JPEG_QUALITY_STEPS])
      expect(Math.max(plan.size.width, plan.size.height)).toBe(Math.min(longSide, MAX_LONG_SIDE))
      expect(plan.size.width >= plan.size.height).toBe(shown.width >= shown.height)
    }
  })
})

test('explicit cases', () => {
  // A portrait phone photo (stored landscape, EXIF right): only compressedHeight, 1600.
  expect(planPhotoPreparation({ type: 'jpeg', width: 4032, height: 3024, orientation: 'right', bytes: 3 * MB }, NO_CANVAS)).toEqual({
    kind: 'compress',
    resize: { compressedHeight: 1600 },
    qualities: [85, 75, 65, 50, 40],
    expected: { width: 1200, height: 1600 },
    tooLargeDetail: expect.stringContaining('2 MB'),
  } satisfies PhotoPlan)
  // Large bytes but small pixels: compress without resizing.
  expect(planPhotoPreparation({ type: 'jpg', width: 1500, height: 1000, bytes: 2.5 * MB }, NO_CANVAS)).toMatchObject({ kind: 'compress', resize: null })
  // A PNG screenshot under 2 MB with no canvas: sent as is (displayed size).
  expect(planPhotoPreparation({ type: 'png', width: 1170, height: 2532, bytes: 1.2 * MB }, NO_CANVAS)).toEqual({ kind: 'as-is', size: { width: 1170, height: 2532 } })
  // The same screenshot with a canvas: scaled to 1600 and JPEG-encoded.
  expect(planPhotoPreparation({ type: 'png', width: 1170, height: 2532, bytes: 1.2 * MB }, CANVAS)).toMatchObject({ kind: 'canvas', size: { width: 739, height: 1600 } })
})

test('rejects what it cannot prepare, with a Chinese reason', () => {
  expect(planPhotoPreparation({ type: 'gif', width: 100, height: 100, bytes: 1000 }, CANVAS)).toEqual({
    kind: 'reject',
    code: 'IMAGE_NOT_IMAGE',
    detail: '仅支持 JPG、PNG、BMP、WebP 图片',
  })
  expect(planPhotoPreparation({ type: 'unknown', width: 100, height: 100, bytes: 1000 }, CANVAS)).toMatchObject({ code: 'IMAGE_NOT_IMAGE' })
  // A 12000×1000 strip stays a strip however it is scaled.
  expect(planPhotoPreparation({ type: 'png', width: 1000, height: 12000, orientation: 'left', bytes: MB }, CANVAS)).toEqual({
    kind: 'reject',
    code: 'IMAGE_TOO_LARGE',
    detail: '图片长宽比超过 10:1',
  })
})

describe('plan bounds', () => {
  const jpeg = (width: number, height: number, bytes: number) => planPhotoPreparation({ type: 'jpeg', width, height, bytes }, NO_CANVAS)

  test('exactly 10:1 is prepared, not refused as a strip', () => {
    expect(jpeg(1600, 160, MB)).toEqual({ kind: 'as-is', size: { width: 1600, height: 160 } })
    expect(jpeg(1601, 160, MB)).toMatchObject({ kind: 'reject', code: 'IMAGE_TOO_LARGE' })
  })

  test('a long side of exactly MAX_LONG_SIDE and exactly MAX_UPLOAD_BYTES is sent as it is', () => {
    expect(jpeg(MAX_LONG_SIDE, 1200, MAX_UPLOAD_BYTES)).toEqual({ kind: 'as-is', size: { width: MAX_LONG_SIDE, height: 1200 } })
    expect(jpeg(MAX_LONG_SIDE + 1, 1200, MAX_UPLOAD_BYTES)).toMatchObject({ kind: 'compress', resize: { compressedWidth: MAX_LONG_SIDE } })
    expect(jpeg(MAX_LONG_SIDE, 1200, MAX_UPLOAD_BYTES + 1)).toMatchObject({ kind: 'compress', resize: null })
  })

  test('a PNG too large in bytes, without a canvas, goes through compressImage with the non-JPEG reason', () => {
    const plan = planPhotoPreparation({ type: 'png', width: 1200, height: 900, bytes: 3 * MB }, NO_CANVAS)
    expect(plan).toMatchObject({ kind: 'compress', resize: null, expected: { width: 1200, height: 900 } })
    const jpegPlan = jpeg(1200, 900, 3 * MB)
    expect(plan.kind === 'compress' && jpegPlan.kind === 'compress' && plan.tooLargeDetail !== jpegPlan.tooLargeDetail).toBe(true)
  })

  test('the canvas gets every JPEG quality step, as fractions', () => {
    expect(planPhotoPreparation({ type: 'webp', width: 4000, height: 3000, bytes: MB }, CANVAS)).toEqual({
      kind: 'canvas',
      size: { width: 1600, height: 1200 },
      qualities: [0.85, 0.75, 0.65, 0.5, 0.4],
      tooLargeDetail: expect.any(String),
    })
  })
})
