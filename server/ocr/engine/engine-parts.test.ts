// Pure parts of the engine: geometry, DB post-processing, crop sampling, CTC, batching.
import type { Point, Quad, RgbImage } from '../types'
import { ctcGreedyDecode } from './ctc'
import { recWidth, REC_HEIGHT, writeCrop } from './crop'
import { boxesFromProbabilityMap } from './db-postprocess'
import { convexHull, minAreaRect, rectToQuad } from './geometry'
import { batchesByWidth, detStrips, inkAfter, smallAfter } from './paddle-engine'
import { glyphShapes, hasZeroOInCode, inkMap, zeroOSizes } from './zero-o'

describe('minAreaRect', () => {
  it('finds a rotated rectangle and orients it along its more horizontal side', () => {
    const a = (10 * Math.PI) / 180
    const corners: Point[] = [
      [0, 0],
      [100, 0],
      [100, 20],
      [0, 20],
    ].map(([x, y]) => [50 + x! * Math.cos(a) - y! * Math.sin(a), 80 + x! * Math.sin(a) + y! * Math.cos(a)])
    const rect = minAreaRect([...corners, [60, 90], [70, 95]])!
    expect(rect.width).toBeCloseTo(100, 6)
    expect(rect.height).toBeCloseTo(20, 6)
    expect(Math.atan2(rect.uy, rect.ux)).toBeCloseTo(a, 6)
    const quad = rectToQuad(rect)
    quad.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(corners[i]![0], 6)
      expect(p[1]).toBeCloseTo(corners[i]![1], 6)
    })
  })

  it('drops interior and collinear points from the hull', () => {
    expect(convexHull([[0, 0], [2, 0], [4, 0], [4, 4], [0, 4], [2, 2]])).toHaveLength(4)
  })
})

describe('boxesFromProbabilityMap', () => {
  it('returns one grown box per text blob, scaled to the image', () => {
    const w = 64
    const h = 32
    const prob = new Float32Array(w * h)
    const fill = (x0: number, y0: number, x1: number, y1: number, p: number): void => {
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) prob[y * w + x] = p
    }
    fill(4, 4, 35, 9, 0.9) // a text line
    fill(40, 20, 41, 21, 0.9) // a speck: below the minimum size
    fill(4, 20, 30, 26, 0.4) // too unsure on average
    const boxes = boxesFromProbabilityMap(prob, w, h, 2, 2, { binaryThreshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSide: 3 })
    expect(boxes).toHaveLength(1)
    const [tl, tr, br, bl] = boxes[0]!.quad
    // 31 x 5 pixel-centre rectangle grown by 1.5 * area / perimeter on each side, times 2.
    const d = (31 * 5 * 1.5) / (2 * 36)
    expect(tl[0]).toBeCloseTo((4 - d) * 2, 5)
    expect(tl[1]).toBeCloseTo((4 - d) * 2, 5)
    expect(br[0]).toBeCloseTo((35 + d) * 2, 5)
    expect(br[1]).toBeCloseTo((9 + d) * 2, 5)
    expect(tr[1]).toBeCloseTo(tl[1], 5)
    expect(bl[0]).toBeCloseTo(tl[0], 5)
    expect(boxes[0]!.score).toBeCloseTo(0.9, 5)
  })
})

describe('writeCrop', () => {
  it('samples an axis-aligned box into B, G, R planes scaled to [-1, 1] and leaves padding at 0', () => {
    const width = 40
    const height = 10
    const data = new Uint8Array(width * height * 3)
    for (let i = 0; i < width * height; i++) data.set([255, 0, 51], i * 3) // R=255 G=0 B=51
    const quad = [[0, 0], [40, 0], [40, 10], [0, 10]] as const
    const cropWidth = recWidth(quad)
    expect(cropWidth).toBe(192)
    const tensorWidth = 200
    const tensor = new Float32Array(2 * 3 * REC_HEIGHT * tensorWidth)
    writeCrop({ data, width, height }, quad, tensor, 1, tensorWidth, cropWidth)
    const plane = REC_HEIGHT * tensorWidth
    const at = (c: number, y: number, x: number): number => tensor[(3 + c) * plane + y * tensorWidth + x]!
    expect(at(0, 10, 5)).toBeCloseTo(51 / 127.5 - 1, 5) // blue first
    expect(at(1, 10, 5)).toBeCloseTo(-1, 5)
    expect(at(2, 47, 191)).toBeCloseTo(1, 5)
    expect(at(2, 47, 195)).toBe(0) // padding
    expect(tensor.subarray(0, 3 * plane).every((v) => v === 0)).toBe(true) // other slot untouched
  })
})

describe('ctcGreedyDecode', () => {
  it('merges repeats, drops blanks and averages the kept probabilities', () => {
    const dictionary = ['粤', 'B', '1']
    // steps: 粤 粤 blank B 1 blank 1  | second item: all blank
    const indices = Int32Array.from([1, 1, 0, 2, 3, 0, 3, 0, 0, 0, 0, 0, 0, 0])
    const values = Float32Array.from([0.9, 0.8, 1, 0.7, 0.6, 1, 0.5, 1, 1, 1, 1, 1, 1, 1])
    const [a, b] = ctcGreedyDecode(indices, values, 2, 7, dictionary)
    expect(a!.text).toBe('粤B11')
    expect(a!.score).toBeCloseTo((0.9 + 0.7 + 0.6 + 0.5) / 4, 6)
    // Per character: the surest step it was held over.
    a!.chars.forEach((p, i) => expect(p).toBeCloseTo([0.9, 0.7, 0.6, 0.5][i]!, 6))
    expect(a!.at).toEqual([0.5, 3, 4, 6])
    expect(b).toEqual({ text: '', score: 0, chars: [], at: [] })
  })
})

describe('smallAfter', () => {
  const box: Quad = [[100, 100], [200, 100], [200, 130], [100, 130]]
  const flat = (x: number, y: number, w = 20, h = 8): Quad => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
  it('finds a detection too small to read right after the box on its line', () => {
    expect(smallAfter(box, [flat(205, 111)])).toBeCloseTo(5 / 30, 3)
    // The nearest of several; one straddling the box end counts from 0.
    expect(smallAfter(box, [flat(230, 111), flat(195, 111)])).toBe(0)
  })
  it('ignores detections off the line, too far along it or before the box end', () => {
    expect(smallAfter(box, [flat(205, 140)])).toBeNull() // a caption below
    expect(smallAfter(box, [flat(260, 111)])).toBeNull() // two heights on
    expect(smallAfter(box, [flat(120, 111)])).toBeNull() // inside the box
    expect(smallAfter(box, [])).toBeNull()
  })
  it('follows the box along a tilted line', () => {
    const a = (20 * Math.PI) / 180
    const r = ([x, y]: readonly [number, number]): [number, number] => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)]
    const tilted = box.map(r) as unknown as Quad
    expect(smallAfter(tilted, [flat(205, 111).map(r) as unknown as Quad])).toBeCloseTo(5 / 30, 3)
    expect(smallAfter(tilted, [flat(205, 140).map(r) as unknown as Quad])).toBeNull()
  })
})

describe('inkAfter', () => {
  // Paper at 220; the box [100, 200) × [100, 130) holds dark glyph blocks.
  const page = (bars: [x0: number, x1: number, y0: number, y1: number][]): RgbImage => {
    const width = 320
    const height = 200
    const data = new Uint8Array(width * height * 3).fill(220)
    const ink: [number, number, number, number][] = [[108, 128, 106, 124], [136, 156, 106, 124], [164, 184, 106, 124], ...bars]
    for (const [x0, x1, y0, y1] of ink) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.fill(30, (y * width + x) * 3, (y * width + x) * 3 + 3)
    return { data, width, height }
  }
  const box: Quad = [[100, 100], [200, 100], [200, 130], [100, 130]]
  it('measures a stroke right after the box (a 一 the detector left out), in box heights', () => {
    expect(inkAfter(page([[205, 223, 114, 117]]), box)).toBeCloseTo(18 / 30, 1)
  })
  it('sees nothing after a box followed by paper, or by ink off its line', () => {
    expect(inkAfter(page([]), box)).toBe(0)
    expect(inkAfter(page([[205, 223, 140, 150]]), box)).toBe(0)
    expect(inkAfter(page([[240, 260, 114, 117]]), box)).toBe(0)
  })
})

describe('recWidth', () => {
  it('keeps the aspect ratio at the recognition height, times the squeeze', () => {
    const quad: Quad = [[0, 0], [200, 0], [200, 24], [0, 24]]
    expect(recWidth(quad)).toBe(400)
    expect(recWidth(quad, 0.8)).toBe(320)
  })
})

describe('batchesByWidth', () => {
  it('closes a batch at the size limit or when the next crop is much wider', () => {
    const items = [50, 52, 55, 58, 60, 100, 105, 400].map((width) => ({ width }))
    expect(batchesByWidth(items, 4, 1.3).map((b) => b.map((i) => i.width))).toEqual([[50, 52, 55, 58], [60], [100, 105], [400]])
  })
  it('closes a batch before its padded widths sum past the budget (the output grows with it)', () => {
    const items = [300, 310, 320, 330, 900, 1400].map((width) => ({ width }))
    // 3 × 320 fits 1000, 4 × 330 does not; a crop wider than the budget goes alone.
    expect(batchesByWidth(items, 4, 1.3, 1000).map((b) => b.map((i) => i.width))).toEqual([[300, 310, 320], [330], [900], [1400]])
  })
})

describe('detStrips', () => {
  it('covers every row exactly once with kept rows, inside overlapping 32-aligned strips', () => {
    const strips = detStrips(736, 2, 64)
    expect(strips).toEqual([
      { from: 0, to: 448, keepFrom: 0, keepTo: 384 },
      { from: 320, to: 736, keepFrom: 384, keepTo: 736 },
    ])
    for (const s of strips) expect([s.from % 32, (s.to - s.from) % 32]).toEqual([0, 0])
  })

  it('does not split small inputs', () => {
    expect(detStrips(160, 2, 64)).toEqual([{ from: 0, to: 160, keepFrom: 0, keepTo: 160 }])
  })
})

describe('0/O measure', () => {
  /** A crop (tensor values: paper 1, ink -1) with ring glyphs of the given width and height, 30 px apart. */
  function rings(glyphs: readonly { w: number; h: number }[], height = 96): { crop: Float32Array; width: number; centers: number[] } {
    const pitch = 30
    const width = pitch * (glyphs.length + 1)
    const crop = new Float32Array(3 * height * width).fill(1)
    const centers = glyphs.map((_, i) => pitch * (i + 1))
    const cy = height / 2
    glyphs.forEach(({ w, h }, i) => {
      const cx = centers[i]!
      // Anti-aliased ring 4 px thick, outer half-axes w/2, h/2.
      for (let v = 0; v < height; v++) {
        for (let u = 0; u < width; u++) {
          let cover = 0
          for (let sv = 0; sv < 4; sv++) {
            for (let su = 0; su < 4; su++) {
              const x = u + (su + 0.5) / 4 - cx
              const y = v + (sv + 0.5) / 4 - cy
              const outer = (x / (w / 2)) ** 2 + (y / (h / 2)) ** 2 <= 1
              const inner = (x / (w / 2 - 4)) ** 2 + (y / (h / 2 - 4)) ** 2 <= 1
              if (outer && !inner) cover++
            }
          }
          if (cover > 0) crop[v * width + u] = Math.min(crop[v * width + u]!, 1 - (2 * cover) / 16)
        }
      }
    })
    return { crop, width, centers }
  }

  it('measures printed width and height with sub-pixel edges', () => {
    const { crop, width, centers } = rings([{ w: 20, h: 50 }, { w: 22.5, h: 52 }])
    const [a, b] = glyphShapes(inkMap(crop, width, 96), width, 96, centers, 6)
    expect(a!.width).toBeCloseTo(20, 0)
    expect(b!.width - a!.width).toBeCloseTo(2.5, 0)
    expect(a!.bottom - a!.top).toBeCloseTo(50, 0)
    expect(b!.bottom - b!.top - (a!.bottom - a!.top)).toBeCloseTo(2, 0)
  })

  it('sizes each 0/O of a code against the digits 2-9 of its box', () => {
    // 3 3 O 1 0: the digits as wide as the 0, the O 8% wider and 4% taller.
    const { crop, width, centers } = rings([{ w: 20, h: 50 }, { w: 20, h: 50 }, { w: 21.6, h: 52 }, { w: 20, h: 50 }, { w: 20, h: 50 }])
    const sizes = zeroOSizes('330103', [...glyphShapes(inkMap(crop, width, 96), width, 96, centers, 6), null])!
    expect(sizes[0]).toBe(0)
    expect(sizes[2]).toBeGreaterThan(1.09)
    expect(sizes[4]).toBeCloseTo(1, 1)
    expect(sizes[5]).toBe(0)
  })

  it('cannot size a 0/O without a digit 2-9 in the box, nor one without a glyph', () => {
    expect(zeroOSizes('DFL1101OUP', Array(10).fill({ width: 20, top: 0, bottom: 50 }))).toEqual([0, 0, 0, 0, 0, -1, 0, -1, 0, 0])
    expect(zeroOSizes('F07O0', [{ width: 20, top: 0, bottom: 50 }, null, { width: 20, top: 0, bottom: 50 }, null, null])).toEqual([0, -1, 0, -1, -1])
  })

  it('predicts the 0 from flat-topped digits, which lack the overshoot of round glyphs (7 is 3.6% shorter)', () => {
    const seven = { width: 20, top: 0, bottom: 48.2 }
    const zero = { width: 20, top: 0, bottom: 50 }
    expect(zeroOSizes('SC7110NAR', [null, null, seven, null, null, zero, null, null, null])![5]).toBeCloseTo(1, 2)
  })

  it('does not measure glyphs run together', () => {
    const { crop, width } = rings([{ w: 20, h: 50 }, { w: 20, h: 50 }])
    // Two glyph centres 12 px apart inside one blot.
    const [a, b] = glyphShapes(inkMap(crop, width, 96), width, 96, [24, 36], 6)
    expect(a).toBeNull()
    expect(b).toBeNull()
  })

  it('measures only codes with a 0 or O', () => {
    expect(hasZeroOInCode('发动机号码Y0352109')).toBe(true)
    expect(hasZeroOInCode('北京市朝阳区10号')).toBe(false)
    expect(hasZeroOInCode('SVW7185Z6')).toBe(false)
  })
})
