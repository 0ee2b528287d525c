import fc from 'fast-check'
import { emptyLicense, type VehicleLicense } from './license'
import { normalize } from './normalize'
import { hasErrors, issuesByField, validate, type FieldIssue } from './validate'

const TODAY = '2024-05-20'

const VALID: VehicleLicense = {
  plateNum: '粤B8L9Q2',
  vehicleType: '小型普通客车',
  owner: '张三',
  addr: '广东省深圳市南山区科苑路15号',
  useCharacter: '非营运',
  model: '大众汽车牌SVW71810KJ',
  vin: 'LSVNV2183E2100108',
  engineNum: 'CSS123456',
  registerDate: '2018-07-06',
  issueDate: '2020-03-15',
  record: '441900123456',
  passengersNum: 5,
  totalQuality: 1880,
  prepareQuality: 1455,
  overallSize: '4765×1820×1475mm',
}

const check = (patch: Partial<VehicleLicense>): FieldIssue[] => validate({ ...VALID, ...patch }, { today: TODAY })

describe('validate', () => {
  it('finds nothing wrong with a correct license', () => {
    expect(check({})).toEqual([])
  })

  it('accepts optional fields left empty', () => {
    expect(check({ addr: '', useCharacter: '', model: '', record: '', overallSize: '' })).toEqual([])
    expect(check({ passengersNum: null, totalQuality: null, prepareQuality: null })).toEqual([])
  })

  it('REQUIRED: reports every missing required field', () => {
    const blank: Partial<VehicleLicense> = {
      plateNum: '',
      vehicleType: ' ',
      owner: '',
      vin: '',
      engineNum: '',
      registerDate: '',
      issueDate: '',
    }
    expect(check(blank)).toEqual([
      { field: 'plateNum', code: 'REQUIRED', level: 'error', message: '请填写号牌号码' },
      { field: 'vehicleType', code: 'REQUIRED', level: 'error', message: '请填写车辆类型' },
      { field: 'owner', code: 'REQUIRED', level: 'error', message: '请填写所有人' },
      { field: 'vin', code: 'REQUIRED', level: 'error', message: '请填写车辆识别代号' },
      { field: 'engineNum', code: 'REQUIRED', level: 'error', message: '请填写发动机号码' },
      { field: 'registerDate', code: 'REQUIRED', level: 'error', message: '请填写注册日期' },
      { field: 'issueDate', code: 'REQUIRED', level: 'error', message: '请填写发证日期' },
    ])
  })

  it('REQUIRED: an empty license reports exactly the seven required fields', () => {
    const codes = validate(emptyLicense(), { today: TODAY }).map((i) => `${i.field}:${i.code}`)
    expect(codes).toEqual([
      'plateNum:REQUIRED',
      'vehicleType:REQUIRED',
      'owner:REQUIRED',
      'vin:REQUIRED',
      'engineNum:REQUIRED',
      'registerDate:REQUIRED',
      'issueDate:REQUIRED',
    ])
  })

  it('REQUIRED: trailers have no engine number', () => {
    expect(check({ plateNum: '粤A1234挂', engineNum: '' })).toEqual([])
  })

  it('REQUIRED: a trailer still needs everything but the engine number', () => {
    expect(check({ plateNum: '粤A1234挂', engineNum: '', owner: '', vin: '' }).map((i) => `${i.field}:${i.code}`)).toEqual(['owner:REQUIRED', 'vin:REQUIRED'])
  })

  it('an issue without a suggestion carries no suggestion member', () => {
    const [plate] = check({ plateNum: '粤B1234' })
    expect(plate).not.toHaveProperty('suggestion')
    expect(Object.keys(plate).sort()).toEqual(['code', 'field', 'level', 'message'])
  })

  it('PLATE_FORMAT: rejects a malformed plate', () => {
    expect(check({ plateNum: '粤B1234' })).toEqual([
      { field: 'plateNum', code: 'PLATE_FORMAT', level: 'error', message: '号牌号码格式不正确' },
    ])
    expect(check({ plateNum: '粤BO1234' })[0]?.code).toBe('PLATE_FORMAT')
  })

  it('PLATE_FORMAT: suggests the cleaned plate for spaces, dots and lower case', () => {
    expect(check({ plateNum: '粤b·8L9Q2' })).toEqual([
      {
        field: 'plateNum',
        code: 'PLATE_FORMAT',
        level: 'error',
        message: '号牌号码含有空格、分隔符或小写字母',
        suggestion: '粤B8L9Q2',
      },
    ])
  })

  it.each(['粤BD12345', '粤B12345D', '京A0001警', '沪A1234领', '使014578', '粤Z1234港'])('accepts the plate %s', (plateNum) => {
    expect(check({ plateNum })).toEqual([])
  })

  it('VIN_LENGTH: reports the actual length', () => {
    expect(check({ vin: 'LSVNV2183E210010' })).toEqual([
      { field: 'vin', code: 'VIN_LENGTH', level: 'error', message: '车辆识别代号应为17位，当前为16位' },
    ])
  })

  it('VIN_CHARS: suggests the O->0 fix when it passes the check digit', () => {
    expect(check({ vin: 'LSVNV2183E21OO1O8' })).toEqual([
      {
        field: 'vin',
        code: 'VIN_CHARS',
        level: 'error',
        message: '车辆识别代号只能包含数字和大写字母（不含 I、O、Q）',
        suggestion: 'LSVNV2183E2100108',
      },
    ])
  })

  it('VIN_CHARS: no suggestion when no fix passes', () => {
    expect(check({ vin: 'LSVNV2183E2100O09' })).toEqual([
      { field: 'vin', code: 'VIN_CHARS', level: 'error', message: '车辆识别代号只能包含数字和大写字母（不含 I、O、Q）' },
    ])
  })

  it('VIN_CHECK_DIGIT: names the expected check character', () => {
    expect(check({ vin: 'LSVNV2182E2100108' })).toEqual([
      {
        field: 'vin',
        code: 'VIN_CHECK_DIGIT',
        level: 'error',
        message: '车辆识别代号校验位不符（第9位应为 3），可能识别有误',
      },
    ])
    expect(check({ vin: '1M8GDM9AXKP042788' })).toEqual([])
  })

  it('DATE_INVALID: unparseable text and impossible days', () => {
    expect(check({ registerDate: '不详' })).toEqual([
      { field: 'registerDate', code: 'DATE_INVALID', level: 'error', message: '注册日期不是有效日期，格式应为 2018-07-06' },
    ])
    expect(check({ issueDate: '2019-02-29' })).toEqual([
      { field: 'issueDate', code: 'DATE_INVALID', level: 'error', message: '发证日期不是有效日期，格式应为 2018-07-06' },
    ])
  })

  it('DATE_INVALID: suggests the ISO form of a parseable date', () => {
    expect(check({ issueDate: '2020/3/15' })).toEqual([
      {
        field: 'issueDate',
        code: 'DATE_INVALID',
        level: 'error',
        message: '发证日期不是有效日期，格式应为 2018-07-06',
        suggestion: '2020-03-15',
      },
    ])
  })

  it('DATE_FUTURE: after today is an error, today is fine', () => {
    expect(check({ issueDate: '2024-05-21' })).toEqual([
      { field: 'issueDate', code: 'DATE_FUTURE', level: 'error', message: '发证日期晚于今天' },
    ])
    expect(check({ issueDate: TODAY })).toEqual([])
  })

  it('DATE_ORDER: register after issue is a warning', () => {
    expect(check({ registerDate: '2021-01-01', issueDate: '2020-03-15' })).toEqual([
      { field: 'registerDate', code: 'DATE_ORDER', level: 'warning', message: '注册日期晚于发证日期，请核对' },
    ])
    expect(check({ registerDate: '2020-03-15', issueDate: '2020-03-15' })).toEqual([])
  })

  it.each([0, 100, 7.5, -1])('PASSENGERS_RANGE: %p', (passengersNum) => {
    expect(check({ passengersNum })).toEqual([
      { field: 'passengersNum', code: 'PASSENGERS_RANGE', level: 'error', message: '核定载人数应为 1 到 99 之间的整数' },
    ])
  })

  it.each([1, 99])('PASSENGERS_RANGE: %p is fine', (passengersNum) => {
    expect(check({ passengersNum })).toEqual([])
  })

  it.each([0, -1, 100001, NaN])('MASS_INVALID: total %p', (totalQuality) => {
    expect(check({ totalQuality })).toEqual([
      {
        field: 'totalQuality',
        code: 'MASS_INVALID',
        level: 'error',
        message: '总质量(kg)应为大于 0 且不超过 100000 的数值',
      },
    ])
  })

  it('MASS_INVALID: prepare mass, and 100000 kg is still accepted', () => {
    expect(check({ prepareQuality: 0 })).toEqual([
      {
        field: 'prepareQuality',
        code: 'MASS_INVALID',
        level: 'error',
        message: '整备质量(kg)应为大于 0 且不超过 100000 的数值',
      },
    ])
    expect(check({ totalQuality: 100000, prepareQuality: 15000 })).toEqual([])
  })

  it('MASS_ORDER: curb mass above total mass', () => {
    expect(check({ totalQuality: 1455, prepareQuality: 1880 })).toEqual([
      { field: 'prepareQuality', code: 'MASS_ORDER', level: 'error', message: '整备质量大于总质量，请核对' },
    ])
    expect(check({ totalQuality: 1880, prepareQuality: 1880 })).toEqual([])
  })

  it('defaults today to the date in China (UTC+8)', () => {
    jest.useFakeTimers({ now: new Date('2024-05-20T17:00:00Z') }) // 2024-05-21 01:00 in Beijing
    try {
      expect(validate({ ...VALID, issueDate: '2024-05-21' })).toEqual([])
      expect(validate({ ...VALID, issueDate: '2024-05-22' }).map((i) => i.code)).toEqual(['DATE_FUTURE'])
    } finally {
      jest.useRealTimers()
    }
  })

  it('never changes the license', () => {
    fc.assert(
      fc.property(fc.object(), (raw) => {
        const license = Object.freeze(normalize(raw))
        const copy = { ...license }
        validate(license, { today: TODAY })
        expect(license).toEqual(copy)
      }),
      { numRuns: 300 },
    )
  })
})

describe('issuesByField / hasErrors', () => {
  const issues = check({ vin: 'LSVNV2182E2100108', registerDate: '2021-01-01', passengersNum: 0 })

  it('groups issues by field', () => {
    const byField = issuesByField(issues)
    expect(Object.keys(byField).sort()).toEqual(['passengersNum', 'registerDate', 'vin'])
    expect(byField.vin?.map((i) => i.code)).toEqual(['VIN_CHECK_DIGIT'])
    expect(byField.registerDate?.map((i) => i.code)).toEqual(['DATE_ORDER'])
    expect(byField.owner).toBeUndefined()
    expect(issuesByField([])).toEqual({})
  })

  it('groups several issues of one field in order', () => {
    const twoOnPlate = issuesByField([
      { field: 'plateNum', code: 'A', level: 'warning', message: 'a' },
      { field: 'vin', code: 'B', level: 'error', message: 'b' },
      { field: 'plateNum', code: 'C', level: 'error', message: 'c' },
    ])
    expect(twoOnPlate.plateNum?.map((i) => i.code)).toEqual(['A', 'C'])
  })

  it('hasErrors ignores warnings', () => {
    expect(hasErrors(issues)).toBe(true)
    expect(hasErrors(check({ registerDate: '2021-01-01' }))).toBe(false)
    expect(hasErrors([])).toBe(false)
  })
})
