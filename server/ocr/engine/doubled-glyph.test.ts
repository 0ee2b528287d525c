import { mayHideDoubledGlyph } from './doubled-glyph'

describe('mayHideDoubledGlyph', () => {
  it.each(['江铃全顺牌JX6594UJ', '大众牌SVW7180', '6665×2423×2781mm', '外廓尺寸6665×2423×2781mm', '1500kg'])('reads %s again: no format would catch a merged glyph', (text) => {
    expect(mayHideDoubledGlyph(text)).toBe(true)
  })
  it.each(['LFW984AN4M7719819', '2021-03-14', '号牌号码川A14317F', '粤AD12345', '四川省成都市成华区文化北路407号锦绣家园27栋311', '5人', '小型轿车'])('leaves %s: a fixed format or no code', (text) => {
    expect(mayHideDoubledGlyph(text)).toBe(false)
  })
})
