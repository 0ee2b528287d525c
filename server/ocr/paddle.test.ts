// The real PP-OCRv4 engine on the committed fixtures (test/fixtures/licenses, made by
// scripts/ocr/generate.ts --fixtures). No fonts needed: the images are committed.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ProviderError } from '../../src/domain/errors'
import type { OcrEngine } from './engine/paddle-engine'
import * as heapTrim from './engine/heap-trim'
import { createPaddleProvider } from './paddle'
import { WARNING_INCOMPLETE, WARNING_TOO_SMALL } from './quality'
import { LOW_CONFIDENCE } from '../../src/domain/license'

jest.setTimeout(60_000)

const FIXTURES = path.join(__dirname, '../../test/fixtures/licenses')
const image = (name: string): Buffer => readFileSync(path.join(FIXTURES, `${name}.jpg`))
const truth = (name: string): Record<string, string> =>
  (JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as { fields: Record<string, string> }).fields

describe('paddle provider (real engine)', () => {
  // One provider for the file: the engine loads once (~0.3 s) and is reused.
  const provider = createPaddleProvider()

  beforeAll(() => provider.warmUp())

  /** The fixture's `field` (truly `want`) read as `read` and flagged; every other field right and trusted. */
  async function expectOnlyFieldWrongAndFlagged(name: string, field: string, want: string, read: string): Promise<void> {
    const out = await provider.recognize(image(name), 'photo')
    const raw = out.raw as Record<string, string | undefined>
    const confidence = (out.confidence ?? {}) as Record<string, number | undefined>
    const { [field]: truthValue, ...rest } = truth(name)
    expect(truthValue).toBe(want)
    expect(raw[field]).toBe(read)
    expect(confidence[field]).toBeLessThan(LOW_CONFIDENCE)
    for (const [key, value] of Object.entries(rest)) {
      expect(raw[key]).toBe(value)
      expect(confidence[key]).toBeGreaterThanOrEqual(LOW_CONFIDENCE)
    }
  }

  it('is named paddle', () => {
    expect(provider.name).toBe('paddle')
  })

  it('reads concurrent uploads each as its own', async () => {
    const names = ['front-clean', 'back-clean', 'front-rotated']
    const outs = await Promise.all(names.map((name) => provider.recognize(image(name), 'photo')))
    outs.forEach((out, i) => expect(out.raw).toEqual(truth(names[i]!)))
  })

  it.each(['front-clean', 'back-clean', 'front-rotated', 'back-upside-down'])('reads %s exactly', async (name) => {
    const out = await provider.recognize(image(name), 'photo')
    expect(out.raw).toEqual(truth(name))
    for (const key of Object.keys(out.raw)) {
      const c = out.confidence?.[key as keyof typeof out.confidence]
      expect(c).toBeGreaterThanOrEqual(LOW_CONFIDENCE)
      expect(c).toBeLessThanOrEqual(1)
    }
    expect(out.warnings).toBeUndefined()
  })

  // Issue 14: a wrapped address (two printed lines), a hyphenated model code, an engine number
  // mixing the digit 0 and the letter O (told apart by their printed widths).
  it.each(['front-wrapped-address', 'front-hyphen-model', 'front-zero-o-engine'])('reads %s exactly, nothing flagged', async (name) => {
    const out = await provider.recognize(image(name), 'photo')
    expect(out.raw).toEqual(truth(name))
    for (const key of Object.keys(out.raw)) expect(out.confidence?.[key as keyof typeof out.confidence]).toBeGreaterThanOrEqual(LOW_CONFIDENCE)
  })

  // The seal's ring crosses the J of JPN229262 and detection boxes PN229262 without it: nothing
  // in the text shows the loss, so the engine's look before the box has to flag it.
  it('flags an engine number whose first glyph the detector left out under the seal', async () => {
    await expectOnlyFieldWrongAndFlagged('front-engine-under-seal', 'engineNum', 'JPN229262', 'PN229262')
  })

  // CTC merges equal neighbours: the main pass, its crops narrowed, reads 6665 as 665 with every
  // glyph sure; the size's code read again not narrowed has the 6 once more and flags it.
  it('flags a size whose doubled glyph the narrowed read merged', async () => {
    await expectOnlyFieldWrongAndFlagged('back-doubled-size', 'overallSize', '6665×2423×2781mm', '665×2423×2781mm')
  })

  it("gives the first pass's memory back before reading a turned photo again, and only then", async () => {
    const trim = jest.spyOn(heapTrim, 'trimHeap')
    const callsReturned = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
    try {
      await provider.recognize(image('front-clean'), 'photo')
      await callsReturned()
      expect(trim).not.toHaveBeenCalled()
      const out = await provider.recognize(image('back-upside-down'), 'photo')
      expect(out.raw).toEqual(truth('back-upside-down'))
      await callsReturned()
      expect(trim).toHaveBeenCalledTimes(1)
    } finally {
      trim.mockRestore()
    }
  })

  it('sends every field of the page, an unread one with confidence 0', async () => {
    const sharp = (await import('sharp')).default
    // The engine-number row painted over.
    const covered = await sharp(image('front-clean'))
      .composite([{ input: { create: { width: 700, height: 70, channels: 3, background: '#eef1ee' } }, left: 300, top: 610 }])
      .jpeg()
      .toBuffer()
    const out = await provider.recognize(covered, 'photo')
    expect(out.raw.engineNum).toBeUndefined()
    expect(out.confidence?.engineNum).toBe(0)
    expect(out.raw.vin).toBe(truth('front-clean').vin)
  })

  it('reads a small, noisy, heavily compressed photo mostly right and says it is small', async () => {
    const want = truth('front-low-quality')
    const out = await provider.recognize(image('front-low-quality'), 'photo')
    const exact = Object.keys(want).filter((k) => out.raw[k] === want[k])
    expect(Object.keys(out.raw).sort()).toEqual(Object.keys(want).sort())
    expect(exact.length).toBeGreaterThanOrEqual(Object.keys(want).length - 1)
    expect(out.warnings).toContain(WARNING_TOO_SMALL)
  })

  it('applies the EXIF orientation of a phone photo', async () => {
    const sharp = (await import('sharp')).default
    // Pixels stored sideways, EXIF orientation 6 says "turn 90° clockwise to view".
    const stored = await sharp(image('front-clean')).rotate(270).withMetadata({ orientation: 6 }).jpeg().toBuffer()
    const out = await provider.recognize(stored, 'photo')
    expect(out.raw).toEqual(truth('front-clean'))
  })

  it('reads a sideways photo without EXIF by turning it', async () => {
    const sharp = (await import('sharp')).default
    const sideways = await sharp(image('back-clean')).rotate(90).jpeg().toBuffer()
    const out = await provider.recognize(sideways, 'photo')
    expect(out.raw).toEqual(truth('back-clean'))
  })

  it('flags a card whose lower part is cut off as incomplete', async () => {
    const sharp = (await import('sharp')).default
    const full = image('front-clean')
    const top = await sharp(full).extract({ left: 0, top: 0, width: 1200, height: 560 }).jpeg().toBuffer()
    const out = await provider.recognize(top, 'photo')
    expect(out.raw.plateNum).toBe(truth('front-clean').plateNum)
    expect(out.raw.registerDate).toBeUndefined()
    expect(out.warnings).toContain(WARNING_INCOMPLETE)
  })

  it('rejects a photo without a license with OCR_101001', async () => {
    const err = await provider.recognize(image('not-a-license'), 'photo').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProviderError)
    expect(err).toMatchObject({ code: 'OCR_101001', providerCode: 101001 })
  })

  it('rejects a text file as not an image', async () => {
    const err = await provider.recognize(Buffer.from('号牌号码 粤B12345\n'), 'photo').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProviderError)
    expect(err).toMatchObject({ code: 'IMAGE_NOT_IMAGE' })
  })

  it('rejects a truncated JPEG as unreadable', async () => {
    const jpeg = image('front-clean')
    const err = await provider.recognize(jpeg.subarray(0, jpeg.length >> 1), 'photo').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProviderError)
    expect(err).toMatchObject({ code: 'IMAGE_UNREADABLE' })
  })
})

describe('paddle provider engine loading', () => {
  const fakeEngine: OcrEngine = {
    async readText() {
      return {
        upright: 0,
        boxes: [
          { text: '号牌号码粤B12345', score: 0.99, quad: [[10, 10], [250, 10], [250, 40], [10, 40]] },
          { text: '车辆类型', score: 0.99, quad: [[400, 10], [500, 10], [500, 40], [400, 40]] },
          { text: '小型轿车', score: 0.98, quad: [[520, 10], [620, 10], [620, 40], [520, 40]] },
        ],
      }
    },
    async detect() {
      return []
    },
    async close() {},
  }
  const png = async (): Promise<Buffer> =>
    (await import('sharp')).default({ create: { width: 900, height: 600, channels: 3, background: '#fff' } }).png().toBuffer()

  it('loads the engine once, lazily, even for concurrent first calls', async () => {
    const load = jest.fn(async () => fakeEngine)
    const provider = createPaddleProvider({ loadEngine: load })
    expect(load).not.toHaveBeenCalled()
    const img = await png()
    const outs = await Promise.all([provider.recognize(img, 'photo'), provider.recognize(img, 'scan')])
    expect(load).toHaveBeenCalledTimes(1)
    expect(outs[0]!.raw).toEqual({ plateNum: '粤B12345', vehicleType: '小型轿车' })
    // Calibrated from the box scores (no per-glyph probabilities here); unread front fields: 0.
    expect(outs[1]!.confidence).toMatchObject({ plateNum: 0.993, vehicleType: 0.986, owner: 0, vin: 0 })
  })

  it('retries a failed load on the next call', async () => {
    const load = jest.fn().mockRejectedValueOnce(new Error('no model')).mockResolvedValue(fakeEngine)
    const provider = createPaddleProvider({ loadEngine: load })
    const img = await png()
    await expect(provider.recognize(img, 'photo')).rejects.toMatchObject({ code: 'INTERNAL' })
    await expect(provider.recognize(img, 'photo')).resolves.toMatchObject({ raw: { plateNum: '粤B12345' } })
    expect(load).toHaveBeenCalledTimes(2)
  })
})
