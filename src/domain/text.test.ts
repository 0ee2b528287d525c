import { collapseSpaces, toHalfWidth } from './text'
import { cleanPlate } from './plate'

describe('toHalfWidth', () => {
  it('maps full-width ASCII and the ideographic space to their half-width forms, and nothing else', () => {
    expect(toHalfWidth('ＡＢｃ１２３，！～')).toBe('ABc123,!~')
    expect(toHalfWidth('粤\u3000B')).toBe('粤 B')
    expect(toHalfWidth('京A·12345 行驶证')).toBe('京A·12345 行驶证')
  })

  it('lets a plate typed with an ideographic space clean up', () => {
    expect(cleanPlate('粤Ｂ\u3000１２３４５')).toBe('粤B12345')
  })
})

describe('collapseSpaces', () => {
  it('trims and collapses runs of any whitespace, the ideographic space included', () => {
    expect(collapseSpaces('  张\u3000\u3000三 \t\n 李  ')).toBe('张 三 李')
  })
})
