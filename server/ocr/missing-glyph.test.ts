import { INK_AFTER_MIN, MISSING_GLYPH_CEILING, doubledInWideRead, mayMissCutGlyph, mayMissDoubledGlyph, mayMissGlyphInShortEnd, mayMissLeadingGlyph, mayMissTrailingGlyph, SHORT_BOX_SLACK_MIN, shortBoxSlack, UNREAD_BEFORE_MAX, valueEnd, valueStart } from './missing-glyph'
import { joinedEvidence, makeField, repeatedSeamOverlap } from './extracted-field'
import type { Piece } from './pieces'

describe('valueEnd', () => {
  it('keeps what the engine saw after the box', () => {
    expect(valueEnd({ smallAfter: 0.2 })).toEqual({ smallAfter: 0.2 })
    expect(valueEnd({ inkAfter: 0.7 })).toEqual({ inkAfter: 0.7 })
    expect(valueEnd({})).toEqual({})
  })
})

describe('mayMissTrailingGlyph', () => {
  it('doubts a name followed by a detection too small to be read', () => {
    expect(mayMissTrailingGlyph('owner', '郑波', { smallAfter: 0 })).toBe(true)
    expect(mayMissTrailingGlyph('owner', '郑波', {})).toBe(false)
    expect(mayMissTrailingGlyph('owner', '郑波', undefined)).toBe(false)
  })
  it('doubts a name followed by ink as long as a glyph, not by a speck', () => {
    expect(mayMissTrailingGlyph('owner', '范琳', { inkAfter: 0.7 })).toBe(true)
    expect(mayMissTrailingGlyph('owner', '范琳', { inkAfter: INK_AFTER_MIN - 0.01 })).toBe(false)
    expect(mayMissTrailingGlyph('owner', '深圳市腾达科技有限公司', { inkAfter: 0.7 })).toBe(false)
  })
  it('leaves companies and other fields alone', () => {
    expect(mayMissTrailingGlyph('owner', '深圳市腾达科技有限公司', { smallAfter: 0 })).toBe(false)
    expect(mayMissTrailingGlyph('vehicleType', '小型轿车', { smallAfter: 0 })).toBe(false)
  })
})

describe('a code whose first glyph the detector left out', () => {
  it('keeps the glyphs the extended re-read found before the same text', () => {
    expect(valueStart({ text: 'PN229262', readLeft: 'JPN229262' })).toEqual({ readBefore: 'J' })
    expect(valueStart({ text: 'S428981 ', readLeft: 'TLS428981' })).toEqual({ readBefore: 'TL' })
    // The label's end read into the crop is kept as read; a re-read of other text says nothing.
    expect(valueStart({ text: '3073632', readLeft: '码3073632' })).toEqual({ readBefore: '码' })
    expect(valueStart({ text: 'L1T150144', readLeft: 'LIT150144' })).toEqual({})
    expect(valueStart({ text: 'PN229262', unreadBefore: -0.17 })).toEqual({ unreadBefore: -0.17 })
  })
  it('doubts an engine number with one or two code glyphs before it, or an unread box right before it', () => {
    expect(mayMissLeadingGlyph('engineNum', { readBefore: 'J' })).toBe(true)
    expect(mayMissLeadingGlyph('engineNum', { readBefore: 'TL' })).toBe(true)
    expect(mayMissLeadingGlyph('engineNum', { unreadBefore: -0.17 })).toBe(true)
    expect(mayMissLeadingGlyph('engineNum', { unreadBefore: UNREAD_BEFORE_MAX + 0.05 })).toBe(false)
  })
  it('does not doubt the label read into the crop, longer runs, or other fields', () => {
    expect(mayMissLeadingGlyph('engineNum', { readBefore: '码' })).toBe(false)
    expect(mayMissLeadingGlyph('engineNum', { readBefore: 'ABC' })).toBe(false)
    expect(mayMissLeadingGlyph('engineNum', {})).toBe(false)
    expect(mayMissLeadingGlyph('engineNum', undefined)).toBe(false)
    // A VIN has 17 glyphs and a check digit: a lost one fails its format.
    expect(mayMissLeadingGlyph('vin', { readBefore: 'L' })).toBe(false)
  })
  it('is carried from the box into the field and caps its confidence', () => {
    const piece = (start: Piece['start'], tail = false): Piece => ({
      kind: 'value', text: 'PN229262', score: 0.99, chars: [...'PN229262'].map(() => 0.99), quad: [[0, 0], [130, 0], [130, 30], [0, 30]], cx: 65, cy: 15, h: 30, w: 130, ux: 1, uy: 0, start, ...(tail ? { tail } : {}),
    })
    const doubted = makeField('engineNum', 'PN229262', joinedEvidence([piece({ readBefore: 'J' })]), 0.99)!
    expect(doubted.mayMissGlyph).toBe(true)
    expect(doubted.confidence).toBeLessThanOrEqual(MISSING_GLYPH_CEILING)
    expect(makeField('engineNum', 'PN229262', joinedEvidence([piece({})]), 0.99)!.mayMissGlyph).toBeUndefined()
    // A piece split off a label's box does not start its box: the box's start says nothing of it.
    expect(joinedEvidence([piece({ readBefore: 'J' }, true)]).start).toBeUndefined()
  })
})

describe('an engine number cut by its cleaning', () => {
  it('doubts a value whose pattern left code glyphs of the text read behind', () => {
    // SV849928 read S/849928 (seed 352364): the pattern keeps 849928.
    expect(mayMissCutGlyph('engineNum', 'S/849928', '849928')).toBe(true)
    const field = makeField('engineNum', 'S/849928', {}, 0.98)!
    expect(field.text).toBe('849928')
    expect(field.mayMissGlyph).toBe(true)
    expect(field.confidence).toBeLessThanOrEqual(MISSING_GLYPH_CEILING)
  })
  it('does not doubt a label glyph or punctuation cut away, or other fields', () => {
    expect(mayMissCutGlyph('engineNum', '码F11M87244', 'F11M87244')).toBe(false)
    expect(mayMissCutGlyph('engineNum', 'F11M87244.', 'F11M87244')).toBe(false)
    expect(mayMissCutGlyph('registerDate', '月2021-07-01 1', '2021-07-01')).toBe(false)
    expect(makeField('engineNum', '码F11M87244', {}, 0.98)!.mayMissGlyph).toBeUndefined()
  })
})

describe('a short box longer than the glyphs read in it', () => {
  it('measures the slack in text heights: a Chinese glyph is square, a digit half as wide', () => {
    // 1室 read 室 in a box 1.5 heights long: half a height unexplained.
    expect(shortBoxSlack('室', 48, 32)).toBeCloseTo(0.5)
    expect(shortBoxSlack('1室', 48, 32)).toBeCloseTo(-0.05)
    // Long boxes are not measured: their spacing varies more than a glyph.
    expect(shortBoxSlack('1单元1111室', 300, 32)).toBeUndefined()
  })

  it('doubts an address ending in such a box, not other fields', () => {
    expect(mayMissGlyphInShortEnd('addr', SHORT_BOX_SLACK_MIN + 0.1)).toBe(true)
    expect(mayMissGlyphInShortEnd('addr', 0.14)).toBe(false)
    expect(mayMissGlyphInShortEnd('addr', undefined)).toBe(false)
    expect(mayMissGlyphInShortEnd('owner', 0.5)).toBe(false)
  })

  it('flags the address whose wrapped line lost a digit, as extraction builds it', () => {
    // The wrapped line lies one line (40) below the first.
    const piece = (text: string, w: number, tail = false, y = 40): Piece => ({
      kind: 'value', text, score: 0.99, chars: [...text].map(() => 0.99), quad: [[0, y], [w, y], [w, y + 32], [0, y + 32]], cx: w / 2, cy: y + 16, h: 32, w, ux: 1, uy: 0, ...(tail ? { tail } : {}),
    })
    const first = piece('北京市顺义区东风西路753号5栋3单元111', 700, false, 0)
    const lost = makeField('addr', '北京市顺义区东风西路753号5栋3单元111室', joinedEvidence([first, piece('室', 48)]), 0.99)
    expect(lost?.mayMissGlyph).toBe(true)
    expect(lost!.confidence).toBeLessThan(0.85)
    const whole = makeField('addr', '北京市顺义区东风西路753号5栋3单元1111室', joinedEvidence([first, piece('1室', 48)]), 0.99)
    expect(whole?.mayMissGlyph).toBeUndefined()
    expect(whole!.confidence).toBeGreaterThan(0.85)
    // A piece split off a label's box has no length of its own to compare.
    expect(makeField('addr', '北京市顺义区东风西路753号5栋3单元111室', joinedEvidence([first, piece('室', 48, true)]), 0.99)?.mayMissGlyph).toBeUndefined()
  })
})

describe('a doubled glyph read once', () => {
  it('marks the glyph the less narrowed read has twice in a row', () => {
    // Seed 525439, desk-022: 6665×2423×2781mm read 665×…; JX6594UJJ read JX6594UJ.
    expect(doubledInWideRead('665×2423', '6665×2423')).toEqual([1, 0, 0, 0, 0, 0, 0, 0])
    // The re-read of a box's code only, a stroke of the label before it read as X.
    expect(doubledInWideRead('外廓尺寸665×2423', 'X6665×2423')).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    expect(doubledInWideRead('JX6594UJ', 'JX6594UJJ')).toEqual([0, 0, 0, 0, 0, 0, 0, 1])
    expect(doubledInWideRead('BMW7223JD', 'BMW7223JJD')).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0])
    // The re-read may read glyphs before the box's (the crop's edge, or extended back).
    expect(doubledInWideRead('江铃全顺牌JX6594UJ', 'X江铃全顺牌JX6594UJJ')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(doubledInWideRead('PN229262', 'JPN229262')).toBeUndefined()
  })
  it('ignores reads that differ otherwise, or not at all', () => {
    expect(doubledInWideRead('ABC123', undefined)).toBeUndefined()
    expect(doubledInWideRead('ABC123', 'ABC1X23')).toBeUndefined()
    expect(doubledInWideRead('ABC123', 'ABC124')).toBeUndefined()
    // A 0/O read differently next to a 0 is no doubled glyph.
    expect(doubledInWideRead('SO006845', 'S0006845')).toBeUndefined()
    expect(doubledInWideRead('F4O005209', 'F40005209')).toBeUndefined()
    expect(mayMissDoubledGlyph([0, 0, null])).toBe(false)
    expect(mayMissDoubledGlyph([0, 1, null])).toBe(true)
  })
  it('is carried from the box into the field and caps its confidence', () => {
    const piece = (doubled?: number[]): Piece => ({
      kind: 'value', text: '665×2423×2781mm', score: 0.99, chars: [...'665×2423×2781mm'].map(() => 0.99), quad: [[0, 0], [200, 0], [200, 30], [0, 30]], cx: 100, cy: 15, h: 30, w: 200, ux: 1, uy: 0, ...(doubled ? { doubled } : {}),
    })
    const doubted = makeField('overallSize', '665×2423×2781mm', joinedEvidence([piece([0, 1, ...Array(13).fill(0)])]), 0.99)!
    expect(doubted.mayMissGlyph).toBe(true)
    expect(doubted.confidence).toBeLessThanOrEqual(MISSING_GLYPH_CEILING)
    expect(makeField('overallSize', '665×2423×2781mm', joinedEvidence([piece()]), 0.99)!.mayMissGlyph).toBeUndefined()
  })
})

describe('a glyph read twice by two overlapping boxes', () => {
  const piece = (text: string, x0: number, x1: number, y = 15): Piece => ({
    kind: 'value', text, score: 0.99, chars: [...text].map(() => 0.99), quad: [[x0, y - 12], [x1, y - 12], [x1, y + 12], [x0, y + 12]], cx: (x0 + x1) / 2, cy: y, h: 24, w: x1 - x0, ux: 1, uy: 0,
  })
  it('measures how far the next box reaches back where the seam glyph repeats', () => {
    // Seed 525439, perspective-026: WF792737 boxed WF7 (390-444) and 792737 (429-520).
    expect(repeatedSeamOverlap([piece('WF7', 390, 444), piece('792737', 429, 520)])).toBe(0.63) // 15 px over a 24 px line
    expect(repeatedSeamOverlap([piece('WF7', 390, 444), piece('892737', 429, 520)])).toBeUndefined()
    // A wrapped line's seam is no overlap on one line.
    expect(repeatedSeamOverlap([piece('WF7', 390, 444), piece('792737', 390, 480, 45)])).toBeUndefined()
  })
  it('flags the value built from such boxes, not from boxes apart', () => {
    const twice = makeField('engineNum', 'WF7792737', joinedEvidence([piece('WF7', 390, 444), piece('792737', 429, 520)]), 0.99)!
    expect(twice.text).toBe('WF7792737')
    expect(twice.mayRepeatGlyph).toBe(true)
    expect(twice.confidence).toBeLessThanOrEqual(MISSING_GLYPH_CEILING)
    const apart = makeField('engineNum', 'WF7792737', joinedEvidence([piece('WF7', 390, 444), piece('792737', 446, 537)]), 0.99)!
    expect(apart.mayRepeatGlyph).toBeUndefined()
    expect(apart.confidence).toBeGreaterThan(MISSING_GLYPH_CEILING)
  })
})
