import { INK_AFTER_MIN, mayMissTrailingGlyph, valueEnd } from './missing-glyph'

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
