import { INK_AFTER_MIN, mayMissGlyphInShortEnd, mayMissTrailingGlyph, SHORT_BOX_SLACK_MIN, shortBoxSlack, valueEnd } from './missing-glyph'
import { joinedEvidence, makeField } from './extracted-field'
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
    const piece = (text: string, w: number, tail = false): Piece => ({
      kind: 'value', text, score: 0.99, chars: [...text].map(() => 0.99), quad: [[0, 0], [w, 0], [w, 32], [0, 32]], cx: w / 2, cy: 16, h: 32, w, ux: 1, uy: 0, ...(tail ? { tail } : {}),
    })
    const first = piece('北京市顺义区东风西路753号5栋3单元111', 700)
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
