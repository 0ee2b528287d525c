import { AMBIGUOUS_GLYPH, cleanFieldText, doubtLetterI, fieldFormatOk, settleZeroO } from './field-formats'
import { makeField } from './extracted-field'
import { LOW_CONFIDENCE } from '../../src/domain/license'

describe('cleanFieldText', () => {
  it.each([
    ['plateNum', ' 粤B 12345 ', '粤B12345'],
    ['plateNum', '京NO79M1', '京N079M1'], // serials never hold O or I
    ['plateNum', '川IA34022', '川A34022'], // 川 read with an extra stroke
    ['plateNum', '码粤B12345', '粤B12345'],
    ['overallSize', '4765x1820 X1475MM', '4765×1820×1475mm'],
    ['overallSize', '8887×2504×3618', '8887×2504×3618mm'], // the unit lost: always mm on a card
    ['overallSize', '8887×2504', '8887×2504'], // not a size: as read (its check flags it)
    ['vin', 'XLSVAM4187C2184847', 'LSVAM4187C2184847'], // the 17-window with a valid check digit
    ['vin', 'lsvam4187c2184848', 'LSVAM4187C2184848'], // invalid stays as read (validate() flags it)
    ['engineNum', '码F11M87244', 'F11M87244'],
    ['registerDate', '月2021-07-01', '2021-07-01'],
    ['registerDate', '2018年7月6日', '2018年7月6日'],
    ['totalQuality', '：1875 kg', '1875kg'],
    ['passengersNum', '5人', '5人'],
    ['owner', '汤—', '汤一'],
    ['owner', '!张三', '张三'],
    ['addr', 'X上海市杨浦区 迎宾大道51号', '上海市杨浦区迎宾大道51号'],
    ['addr', '址重庆市南岸区新华东路397号', '重庆市南岸区新华东路397号'], // a leaked label glyph
    ['addr', '上上海市徐汇区漕溪路8号', '上海市徐汇区漕溪路8号'], // a doubled first glyph
    ['addr', '住址广东省深圳市南山区科技路1号', '广东省深圳市南山区科技路1号'],
    ['addr', '上海市上海市徐汇区漕溪路8号', '上海市上海市徐汇区漕溪路8号'], // already starts with its province
    ['addr', '深圳市南山区科技路1号', '深圳市南山区科技路1号'], // no province: as read
    ['addr', '南山区上海路12号', '南山区上海路12号'], // a province name further in stays
    ['model', '大众汽车牌 SVW71810KJ', '大众汽车牌SVW71810KJ'],
  ] as const)('%s: %j -> %j', (field, input, expected) => {
    expect(cleanFieldText(field, input)).toBe(expected)
  })
})

describe('owner: the end of the label leaked into the value', () => {
  it.each([
    ['人龚雨浩', '龚雨浩'],
    ['XX人韦娜欣', '韦娜欣'],
    ['有人王芳', '王芳'],
    ['人北京市恒通电子有限公司', '北京市恒通电子有限公司'],
    ['人广东省佛山市顺达物流有限公司', '广东省佛山市顺达物流有限公司'],
    // Kept: a company may start with 人, and a name may hold it after the surname.
    ['人民电器集团有限公司', '人民电器集团有限公司'],
    ['王人杰', '王人杰'],
  ])('%s -> %s', (raw, owner) => {
    expect(cleanFieldText('owner', raw)).toBe(owner)
  })
})

describe('fieldFormatOk', () => {
  it.each([
    ['plateNum', '粤B12345', true],
    ['plateNum', '粤B1234', false],
    ['vin', 'LSVAM4187C2184847', true],
    ['vin', 'LSVAM4187C2184848', false],
    ['registerDate', '2018-02-30', false],
    ['totalQuality', '2700kg', true],
    ['totalQuality', '2700', false],
    ['overallSize', '4765×1820×1475mm', true],
    ['vehicleType', '小型轿车', true],
    ['vehicleType', '小型轿', false],
    ['owner', '任桂嘉', true],
    ['owner', '人1任桂嘉', false],
  ] as const)('%s %j -> %s', (field, text, ok) => {
    expect(fieldFormatOk(field, text)).toBe(ok)
  })
})

describe('settleZeroO', () => {
  // Sizes against the box's digits (engine/zero-o.ts zeroOSizes): ~1 a 0, ≥ 1.10 an O.
  it('turns a 0 measured larger than the digits into an O, confidently', () => {
    const out = settleZeroO('engineNum', '33010307', [1, 1, 0.99, 1, 1, 1, 1, 1], [0, 0, 1.13, 0, 1.01, 0, 1.02, 0])
    expect(out.text).toBe('33O10307')
    expect(out.chars[2]).toBeGreaterThanOrEqual(0.97)
  })

  it('turns an O measured as large as the digits into a 0', () => {
    expect(settleZeroO('model', '丰田牌GTM7203OM', Array(12).fill(1), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0, 0]).text).toBe('丰田牌GTM72030M')
  })

  it('leaves a 0/O of in-between size, or one not measurable, as read and doubtful', () => {
    const between = settleZeroO('engineNum', 'Y0352109', Array(8).fill(1), [0, 1.085, 0, 0, 0, 0, 0, 0])
    expect(between.text).toBe('Y0352109')
    expect(between.chars[1]).toBe(AMBIGUOUS_GLYPH)
    const unmeasured = settleZeroO('model', 'DFL1101OUP', Array(10).fill(1), [0, 0, 0, 0, 0, -1, 0, -1, 0, 0])
    expect([unmeasured.chars[5], unmeasured.chars[7]]).toEqual([AMBIGUOUS_GLYPH, AMBIGUOUS_GLYPH])
  })

  it('takes a 0/O that measured small against the digits for an O when it is clearly larger than a 0 beside it', () => {
    // GTM7200OM2 read GTM72000M2: the O measured 1.065 against the digits, the two 0s ~0.96.
    const out = settleZeroO('model', 'GTM72000M2', Array(10).fill(1), [0, 0, 0, 0, 0, 0.971, 0.955, 1.065, 0, 0])
    expect(out.text).toBe('GTM7200OM2')
    expect(out.chars[7]).toBeGreaterThanOrEqual(0.97)
    // Same sizes, no clear 0 beside it: the digits' verdict (a 0) stands.
    expect(settleZeroO('model', 'GTM72A00M2', Array(10).fill(1), [0, 0, 0, 0, 0, 0, 1.04, 1.065, 0, 0]).text).toBe('GTM72A00M2')
  })

  it('leaves an O by the relative rule doubtful when it is barely past the rule\'s gap', () => {
    // 86082904 read 860829O4 (seed 957533): its last 0 measured 1.086, 0.063 above the 0 at 1.023.
    const out = settleZeroO('engineNum', '860829O4', Array(8).fill(1), [0, 0, 1.023, 0, 0, 0, 1.086, 0])
    expect(out.text).toBe('860829O4')
    expect(out.chars[6]).toBe(AMBIGUOUS_GLYPH)
  })

  it('keeps a 0 that measured like a 0 even beside a 0 measured small', () => {
    // R00750782: the first 0 measured 0.912, the second 1.014 (0.10 larger, yet a plain 0).
    expect(settleZeroO('engineNum', 'R00750782', Array(9).fill(1), [0, 0.912, 1.109, 0, 0, 1.014, 0, 0, 0]).text).toBe('R0O750782')
  })

  it('keeps the last 0 of a code photographed in perspective, larger than the first but not than the 0 before it', () => {
    // 0699900 on seed 364182: sizes 0.967, 1.044, 1.059 grow along the line.
    expect(settleZeroO('engineNum', '0699900', Array(7).fill(1), [0.967, 0, 0, 0, 0, 1.044, 1.059]).text).toBe('0699900')
  })

  it('leaves an in-between 0/O doubtful when it is not clearly larger than the 0 beside it', () => {
    const out = settleZeroO('engineNum', 'Y0352100', Array(8).fill(1), [0, 1.075, 0, 0, 0, 0, 1.03, 1.0])
    expect(out.text).toBe('Y0352100')
    expect(out.chars[1]).toBe(AMBIGUOUS_GLYPH)
  })

  it('leaves a 0 doubtful when it is between the relative rule\'s populations above a clear 0', () => {
    // O0590183 read 00590183: the first O measured 1.049, 0.05 above the clear 0 beside it.
    const out = settleZeroO('engineNum', '00590183', Array(8).fill(1), [1.049, 0.999, 0, 0, 0.987, 0, 0, 0])
    expect(out.text).toBe('00590183')
    expect(out.chars[0]).toBe(AMBIGUOUS_GLYPH)
    // Within 0.04 of the 0s beside it: a 0, sure.
    expect(settleZeroO('engineNum', '0699900', Array(7).fill(1), [0.967, 0, 0, 0, 0, 1.044, 1.059]).chars[6]).toBe(1)
  })

  it('leaves an O by the digits alone doubtful when it is near the boundary and no clear 0 confirms it', () => {
    // A1K847709 (blurred): its only 0 measured 1.103 against the digits.
    const alone = settleZeroO('engineNum', 'A1K847709', Array(9).fill(1), [0, 0, 0, 0, 0, 0, 0, 1.103, 0])
    expect(alone.text).toBe('A1K8477O9')
    expect(alone.chars[7]).toBe(AMBIGUOUS_GLYPH)
    // Far above the boundary, or confirmed by a clear 0 beside it: sure.
    expect(settleZeroO('engineNum', 'A1K847709', Array(9).fill(1), [0, 0, 0, 0, 0, 0, 0, 1.16, 0]).chars[7]).toBeGreaterThanOrEqual(0.97)
    expect(settleZeroO('engineNum', 'A10847709', Array(9).fill(1), [0, 0, 1.0, 0, 0, 0, 0, 1.103, 0]).chars[7]).toBeGreaterThanOrEqual(0.97)
  })

  it('leaves an O near the boundary doubtful on a small text line, even beside a clear 0', () => {
    // 30302893 on a 22 px line: its second 0 measured 1.082, 0.08 above the clear 0s.
    const sizes = [0, 1.082, 0, 1.0, 0, 0, 0, 0]
    const small = settleZeroO('engineNum', '30302893', Array(8).fill(1), sizes, 22)
    expect(small.text).toBe('3O302893')
    expect(small.chars[1]).toBe(AMBIGUOUS_GLYPH)
    // The same on a 30 px line is sure; so is a clearly round O on the small line.
    expect(settleZeroO('engineNum', '30302893', Array(8).fill(1), sizes, 30).chars[1]).toBeGreaterThanOrEqual(0.97)
    expect(settleZeroO('engineNum', '30302893', Array(8).fill(1), [0, 1.2, 0, 1.0, 0, 0, 0, 0], 22).chars[1]).toBeGreaterThanOrEqual(0.97)
  })

  it('leaves a 0 that starts an engine number doubtful (an O there can measure as a 0)', () => {
    const first = settleZeroO('engineNum', '02272503', Array(8).fill(0.99), [0.952, 0.956, 0, 0, 0, 0.96, 0, 0])
    expect(first.text).toBe('02272503')
    expect(first.chars[0]).toBe(AMBIGUOUS_GLYPH)
    expect(first.chars[1]).toBe(0.99)
    // Not elsewhere: a model's code, or an engine number starting with an O sized as such.
    expect(settleZeroO('model', '02272503', Array(8).fill(0.99), [0.952, 0.956, 0, 0, 0, 0.96, 0, 0]).chars[0]).toBe(0.99)
    expect(settleZeroO('engineNum', 'O2272503', Array(8).fill(0.99), [1.4, 0.956, 0, 0, 0, 0.96, 0, 0]).chars[0]).toBeGreaterThanOrEqual(0.97)
  })

  it('leaves a plate serial 0 doubtful when the plate rule made it from an O (a Q or D reads as O too)', () => {
    // 粤ADQ8527 read 粤ADO8527: the rule gives 粤AD08527, its 0 with no probability of its own.
    const out = settleZeroO('plateNum', '粤AD08527', [0.99, 0.99, 0.99, null, 0.99, 0.99, 0.99, 0.99], [])
    expect(out.text).toBe('粤AD08527')
    expect(out.chars[3]).toBe(AMBIGUOUS_GLYPH)
    // A 0 read as 0 keeps its probability; so does the letter the plate rule set in second place.
    expect(settleZeroO('plateNum', '粤AD08527', Array(8).fill(0.99), []).chars[3]).toBe(0.99)
    expect(settleZeroO('plateNum', '粤D12345', [0.99, null, 0.99, 0.99, 0.99, 0.99, 0.99], []).chars[1]).toBeNull()
  })

  it('does not touch fields whose rules settle 0/O otherwise (VIN)', () => {
    expect(settleZeroO('vin', 'LSVAM4187C2184847', Array(17).fill(1), Array(17).fill(1.3)).text).toBe('LSVAM4187C2184847')
  })
})

describe('doubtLetterI', () => {
  it("doubts an engine number's I (a 1 read as I), keeping the glyph as read", () => {
    // Seed 525439, lowQuality-011: X1V996965 read XIV996965 at 0.98.
    const chars = doubtLetterI('engineNum', 'XIV996965', Array(9).fill(0.98))
    expect(chars[1]).toBe(AMBIGUOUS_GLYPH)
    expect(chars.filter((p) => p === 0.98)).toHaveLength(8)
    const field = makeField('engineNum', 'XIV996965', { chars: Array(9).fill(0.98) }, 0.98)!
    expect(field.text).toBe('XIV996965')
    expect(field.confidence).toBeLessThan(LOW_CONFIDENCE)
    expect(makeField('engineNum', 'X1V996965', { chars: Array(9).fill(0.98) }, 0.98)!.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE)
  })

  it('leaves other fields alone (a VIN rule or a model code decides there)', () => {
    expect(doubtLetterI('model', 'BJ7I60', Array(6).fill(0.98))).toEqual(Array(6).fill(0.98))
    expect(doubtLetterI('engineNum', 'X1V99', [0.98, null, 0.98, 0.98, 0.98])).toEqual([0.98, null, 0.98, 0.98, 0.98])
  })
})
