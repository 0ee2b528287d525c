import type { Quad } from '../types'
import { CODE_LIKE, extendedLeft, LEAD_REACH, unreadBefore } from './lead-reread'

// A code's box [300, 500) × [100, 130): 30 px high.
const flat = (x0: number, x1: number, y0 = 100, y1 = 130): Quad => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
const code = flat(300, 500)

describe('CODE_LIKE', () => {
  it('takes codes standing alone in their box, not labels or names', () => {
    expect(CODE_LIKE.test('PN229262')).toBe(true)
    expect(CODE_LIKE.test('2024-05-11')).toBe(false)
    expect(CODE_LIKE.test('LJXC8MN44RB109086')).toBe(false) // a VIN's length
    expect(CODE_LIKE.test('码PN229262')).toBe(false)
    expect(CODE_LIKE.test('Engine No.')).toBe(false)
    expect(CODE_LIKE.test('A1')).toBe(false)
  })
})

describe('extendedLeft', () => {
  it('extends a box back by one glyph and its spacing when nothing precedes it', () => {
    const q = extendedLeft(code, [code])!
    expect(q[0][0]).toBeCloseTo(300 - LEAD_REACH * 30)
    expect(q[3][0]).toBeCloseTo(300 - LEAD_REACH * 30)
    expect(q[1]).toEqual(code[1])
    expect(q[2]).toEqual(code[2])
  })
  it('stops short of the label box ending before it on its line', () => {
    const q = extendedLeft(code, [flat(100, 280), code])!
    expect(q[0][0]).toBeCloseTo(283) // 0.1 heights clear of the label's end at 280
  })
  it('gives nothing when the neighbour leaves no room for a glyph', () => {
    expect(extendedLeft(code, [flat(100, 295)])).toBeNull()
    expect(extendedLeft(code, [flat(100, 310)])).toBeNull() // overlapping the box's start
  })
  it('ignores boxes on other lines and far before the box', () => {
    expect(extendedLeft(code, [flat(100, 290, 140, 170)])![0][0]).toBeCloseTo(300 - LEAD_REACH * 30)
    expect(extendedLeft(code, [flat(100, 200)])![0][0]).toBeCloseTo(300 - LEAD_REACH * 30)
  })
  it('extends along a tilted line', () => {
    const a = (10 * Math.PI) / 180
    const r = ([x, y]: readonly [number, number]): [number, number] => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)]
    const tilted = code.map(r) as unknown as Quad
    const q = extendedLeft(tilted, [])!
    expect(Math.hypot(q[0][0] - tilted[0][0], q[0][1] - tilted[0][1])).toBeCloseTo(LEAD_REACH * 30)
    expect((q[0][1] - tilted[0][1]) / (q[0][0] - tilted[0][0])).toBeCloseTo(Math.tan(a))
  })
})

describe('unreadBefore', () => {
  it('finds an unread detection overlapping or just before the box start', () => {
    expect(unreadBefore(code, [flat(273, 305)])).toBeCloseTo(-5 / 30, 3) // J | PN229262
    expect(unreadBefore(code, [flat(260, 294)])).toBeCloseTo(6 / 30, 3)
    expect(unreadBefore(code, [flat(200, 240), flat(273, 305)])).toBeCloseTo(-5 / 30, 3) // the nearest
  })
  it('ignores detections off the line, inside the box or more than a height before it', () => {
    expect(unreadBefore(code, [flat(273, 305, 140, 170)])).toBeNull()
    expect(unreadBefore(code, [flat(320, 350)])).toBeNull()
    expect(unreadBefore(code, [flat(230, 262)])).toBeNull()
    expect(unreadBefore(code, [])).toBeNull()
  })
})
