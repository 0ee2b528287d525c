import fc from 'fast-check'
import { emptyLicense, FIELD_KEYS, NUMERIC_FIELDS, type VehicleLicense } from './license'
import { normalize, RAW_KEY_MAP } from './normalize'

/** A cv/ocr/driving response as documented (snake_case, with its typos). */
const SNAKE_RESPONSE = {
  errcode: 0,
  errmsg: 'ok',
  plate_num: '粤B·8L9Q2',
  vhicle_type: '小型普通客车',
  owner: '张三',
  addr: '广东省深圳市南山区科技园  科苑路15号',
  use_character: '非营运',
  model: '大众汽车牌SVW71810KJ',
  vin: 'lsvnv2183e2100108',
  engine_num: 'css 123456',
  register_date: '2018-07-06',
  issue_date: '2020/3/15',
  record: '441900123456',
  passengers_num: '5人',
  total_quality: '1880kg',
  totalprepare_quality_quality: '1455kg',
  overall_size: '4765×1820×1475mm',
}

/** The same license from cloud.openapi.ocr.vehicleLicense (camelCase). */
const CAMEL_RESPONSE = {
  errCode: 0,
  errMsg: 'openapi.ocr.vehicleLicense:ok',
  plateNum: '粤B8L9Q2',
  vehicleType: '小型普通客车',
  owner: '张三',
  addr: '广东省深圳市南山区科技园 科苑路15号',
  useCharacter: '非营运',
  model: '大众汽车牌SVW71810KJ',
  vin: 'LSVNV2183E2100108',
  engineNum: 'CSS123456',
  registerDate: '2018.07.06',
  issueDate: '2020年3月15日',
  record: 441900123456,
  passengersNum: 5,
  totalQuality: { text: '1880 kg' },
  prepareQuality: '1455kg',
  overallSize: '4765X1820X1475',
}

const EXPECTED: VehicleLicense = {
  plateNum: '粤B8L9Q2',
  vehicleType: '小型普通客车',
  owner: '张三',
  addr: '广东省深圳市南山区科技园 科苑路15号',
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

describe('normalize: whole responses', () => {
  it('maps a snake_case cv/ocr/driving response', () => {
    expect(normalize(SNAKE_RESPONSE)).toEqual(EXPECTED)
  })

  it('maps a camelCase cloud.openapi response', () => {
    expect(normalize(CAMEL_RESPONSE)).toEqual(EXPECTED)
  })

  it('returns a fresh empty license for non-objects', () => {
    for (const raw of [null, undefined, 0, 7, 'plate_num', true, [], [SNAKE_RESPONSE], () => SNAKE_RESPONSE]) {
      expect(normalize(raw)).toEqual(emptyLicense())
    }
  })

  it('ignores unknown keys and errcode/errmsg', () => {
    expect(normalize({ errcode: 101001, errmsg: 'no card', foo: '粤B12345', plate: 'x' })).toEqual(emptyLicense())
  })
})

describe('normalize: key quirks', () => {
  it.each<[string, unknown, Partial<VehicleLicense>]>([
    ['plate_num', '京A12345', { plateNum: '京A12345' }],
    ['plate_num_b', '京A12345', { plateNum: '京A12345' }],
    ['plateNum', '京A12345', { plateNum: '京A12345' }],
    ['plateNumB', '京A12345', { plateNum: '京A12345' }],
    ['vehicle_type', '重型半挂牵引车', { vehicleType: '重型半挂牵引车' }],
    ['vhicle_type', '小型轿车', { vehicleType: '小型轿车' }],
    ['vehicleType', '小型轿车', { vehicleType: '小型轿车' }],
    ['vhicleType', '小型轿车', { vehicleType: '小型轿车' }],
    ['owner', '深圳市某某物流有限公司', { owner: '深圳市某某物流有限公司' }],
    ['addr', '北京市朝阳区建国路88号', { addr: '北京市朝阳区建国路88号' }],
    ['use_character', '营转非', { useCharacter: '营转非' }],
    ['useCharacter', '租赁', { useCharacter: '租赁' }],
    ['model', '丰田牌TV7250', { model: '丰田牌TV7250' }],
    ['vin', 'LSGPC52U6AF102554', { vin: 'LSGPC52U6AF102554' }],
    ['engine_num', '2AR123456', { engineNum: '2AR123456' }],
    ['engineNum', '2AR123456', { engineNum: '2AR123456' }],
    ['register_date', '2019-01-02', { registerDate: '2019-01-02' }],
    ['registerDate', '2019-01-02', { registerDate: '2019-01-02' }],
    ['issue_date', '2019-01-03', { issueDate: '2019-01-03' }],
    ['issueDate', '2019-01-03', { issueDate: '2019-01-03' }],
    ['record', '110105012345', { record: '110105012345' }],
    ['passengers_num', '7人', { passengersNum: 7 }],
    ['passengersNum', '7人', { passengersNum: 7 }],
    ['total_quality', '2700kg', { totalQuality: 2700 }],
    ['totalQuality', '2700kg', { totalQuality: 2700 }],
    ['prepare_quality', '1995kg', { prepareQuality: 1995 }],
    ['prepareQuality', '1995kg', { prepareQuality: 1995 }],
    ['totalprepare_quality_quality', '1995kg', { prepareQuality: 1995 }],
    ['totalprepareQualityQuality', '1995kg', { prepareQuality: 1995 }],
    ['overall_size', '4765×1820×1475mm', { overallSize: '4765×1820×1475mm' }],
    ['overallSize', '4765×1820×1475mm', { overallSize: '4765×1820×1475mm' }],
  ])('%s', (key, value, expected) => {
    expect(normalize({ [key]: value })).toEqual({ ...emptyLicense(), ...expected })
  })

  it('prefers a non-empty plate_num over plate_num_b', () => {
    expect(normalize({ plate_num: '粤B12345', plate_num_b: '粤B99999' }).plateNum).toBe('粤B12345')
    expect(normalize({ plate_num_b: '粤B99999', plate_num: '粤B12345' }).plateNum).toBe('粤B12345')
    expect(normalize({ plate_num: '  ', plate_num_b: '粤B99999' }).plateNum).toBe('粤B99999')
    expect(normalize({ plateNum: '', plateNumB: '粤B99999' }).plateNum).toBe('粤B99999')
  })

  it('prefers prepare_quality, falling back to the typo key when it is unusable', () => {
    expect(normalize({ prepare_quality: '1455kg', totalprepare_quality_quality: '1995kg' }).prepareQuality).toBe(1455)
    expect(normalize({ prepare_quality: '--', totalprepare_quality_quality: '1995kg' }).prepareQuality).toBe(1995)
  })

  it('every table entry maps to a canonical field', () => {
    for (const field of Object.values(RAW_KEY_MAP)) expect(FIELD_KEYS).toContain(field)
    for (const field of FIELD_KEYS) expect(Object.values(RAW_KEY_MAP)).toContain(field)
  })
})

describe('normalize: value shapes', () => {
  it('accepts strings, numbers and { text } objects', () => {
    expect(normalize({ passengersNum: { text: '5人' } }).passengersNum).toBe(5)
    expect(normalize({ passengersNum: { text: 5 } }).passengersNum).toBe(5)
    expect(normalize({ plateNum: { text: '京A12345' } }).plateNum).toBe('京A12345')
    expect(normalize({ record: 441900123456 }).record).toBe('441900123456')
    expect(normalize({ registerDate: 20180706 }).registerDate).toBe('2018-07-06')
  })

  it('unwraps { text } up to three levels deep, and no deeper', () => {
    expect(normalize({ owner: { text: { text: { text: '张三' } } } }).owner).toBe('张三')
    expect(normalize({ owner: { text: { text: { text: { text: '张三' } } } } }).owner).toBe('')
  })

  it('drops unusable values instead of throwing', () => {
    const junk = { plateNum: { text: { no: 1 } }, owner: ['张三'], vin: NaN, passengersNum: Infinity, addr: null }
    expect(normalize(junk)).toEqual(emptyLicense())
  })
})

describe('normalize: text cleaning', () => {
  it.each<[Partial<Record<string, unknown>>, Partial<VehicleLicense>]>([
    [{ owner: '  张　三  ' }, { owner: '张 三' }],
    [{ addr: '广东省\n深圳市\t南山区' }, { addr: '广东省 深圳市 南山区' }],
    [{ vin: ' lsvnv 2183e 2100108 ' }, { vin: 'LSVNV2183E2100108' }],
    [{ vin: 'ＬＳＶＮＶ２１８３Ｅ２１００１０８' }, { vin: 'LSVNV2183E2100108' }],
    [{ engine_num: 'ab 12 cd' }, { engineNum: 'AB12CD' }],
    [{ plate_num: '粤 b·12345' }, { plateNum: '粤B12345' }],
    [{ plate_num: '粤B.D1234.5' }, { plateNum: '粤BD12345' }],
    [{ plate_num: '粤Ｂ１２３４５' }, { plateNum: '粤B12345' }],
  ])('%p', (raw, expected) => {
    expect(normalize(raw)).toEqual({ ...emptyLicense(), ...expected })
  })
})

describe('normalize: dates', () => {
  it.each([
    ['2018-07-06', '2018-07-06'],
    ['2018/7/6', '2018-07-06'],
    ['2018.07.06', '2018-07-06'],
    ['20180706', '2018-07-06'],
    ['2018年7月6日', '2018-07-06'],
    ['2018 年 07 月 06 日', '2018-07-06'],
    ['２０１８－０７－０６', '2018-07-06'],
    ['2020-2-29', '2020-02-29'],
    // Unparseable stays as raw text for validate() to flag.
    ['2019-02-29', '2019-02-29'],
    ['2018-13-01', '2018-13-01'],
    ['2018年7月', '2018年7月'],
    ['  不详  ', '不详'],
  ])('%p -> %p', (raw, iso) => {
    expect(normalize({ register_date: raw }).registerDate).toBe(iso)
    expect(normalize({ issueDate: raw }).issueDate).toBe(iso)
  })
})

describe('normalize: numbers', () => {
  it.each<[unknown, number | null]>([
    ['7人', 7],
    ['5 人', 5],
    [' 7 ', 7],
    [7, 7],
    ['７人', 7],
    ['七人', null],
    ['7kg', null],
    ['', null],
    ['--', null],
  ])('passengers %p -> %p', (raw, expected) => {
    expect(normalize({ passengers_num: raw }).passengersNum).toBe(expected)
  })

  it.each<[unknown, number | null]>([
    ['2700kg', 2700],
    ['2,700 kg', 2700],
    ['2700 KG', 2700],
    ['2700公斤', 2700],
    ['2700千克', 2700],
    ['2700㎏', 2700],
    ['2700', 2700],
    [2700, 2700],
    ['1.995t', 1995],
    ['0.3 T', 300],
    ['4.9吨', 4900],
    ['1455.5kg', 1455.5],
    ['-5kg', -5],
    ['2700人', null],
    ['kg', null],
    ['约2700kg', null],
    ['9'.repeat(400), null],
  ])('mass %p -> %p', (raw, expected) => {
    expect(normalize({ total_quality: raw }).totalQuality).toBe(expected)
    expect(normalize({ prepareQuality: raw }).prepareQuality).toBe(expected)
  })
})

describe('normalize: overall size', () => {
  it.each([
    ['4765×1820×1475mm', '4765×1820×1475mm'],
    ['4765x1820x1475mm', '4765×1820×1475mm'],
    ['4765X1820X1475MM', '4765×1820×1475mm'],
    ['4765*1820*1475', '4765×1820×1475mm'],
    ['4765 × 1820 × 1475 mm', '4765×1820×1475mm'],
    ['４７６５＊１８２０＊１４７５', '4765×1820×1475mm'],
    ['约 4765 长', '约 4765 长'],
  ])('%p -> %p', (raw, expected) => {
    expect(normalize({ overall_size: raw }).overallSize).toBe(expected)
  })
})

// Each pair: snake_case key (cv/ocr/driving) and camelCase key (cloud.openapi).
const KEY_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['plate_num', 'plateNum'],
  ['plate_num_b', 'plateNumB'],
  ['vhicle_type', 'vhicleType'],
  ['vehicle_type', 'vehicleType'],
  ['owner', 'owner'],
  ['addr', 'addr'],
  ['use_character', 'useCharacter'],
  ['model', 'model'],
  ['vin', 'vin'],
  ['engine_num', 'engineNum'],
  ['register_date', 'registerDate'],
  ['issue_date', 'issueDate'],
  ['record', 'record'],
  ['passengers_num', 'passengersNum'],
  ['total_quality', 'totalQuality'],
  ['prepare_quality', 'prepareQuality'],
  ['totalprepare_quality_quality', 'totalprepareQualityQuality'],
  ['overall_size', 'overallSize'],
  ['errcode', 'errCode'],
  ['errmsg', 'errMsg'],
]

const scalar = fc.oneof(
  fc.string(),
  fc.constantFrom('7人', '2700kg', '1.995t', '2018/7/6', '20180706', '粤 b·12345', '4765x1820x1475', ' a  b '),
  fc.integer(),
  fc.double(),
)
const providerValue = fc.oneof(scalar, scalar.map((text) => ({ text })), fc.constant(null))

function assertLicenseShape(license: VehicleLicense): void {
  expect(Object.keys(license).sort()).toEqual([...FIELD_KEYS].sort())
  for (const key of FIELD_KEYS) {
    const value = license[key]
    if (NUMERIC_FIELDS.includes(key)) expect(value === null || Number.isFinite(value)).toBe(true)
    else expect(typeof value).toBe('string')
  }
}

const anything = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withBigInt: true,
})

describe('normalize properties', () => {
  it('never throws on anything and always returns a well-typed license', () => {
    fc.assert(fc.property(anything, (raw) => assertLicenseShape(normalize(raw))), { numRuns: 1000 })
  })

  it('never throws on arbitrary objects, including ones using the known keys', () => {
    const knownKeys = fc.dictionary(fc.constantFrom(...Object.keys(RAW_KEY_MAP)), anything)
    fc.assert(fc.property(fc.object(), (raw) => assertLicenseShape(normalize(raw))), { numRuns: 500 })
    fc.assert(fc.property(knownKeys, (raw) => assertLicenseShape(normalize(raw))), { numRuns: 1000 })
  })

  it('snake_case and camelCase payloads normalize identically', () => {
    const pairs = fc.array(fc.tuple(fc.constantFrom(...KEY_PAIRS), providerValue), { maxLength: 25 })
    fc.assert(
      fc.property(pairs, (entries) => {
        const snake: Record<string, unknown> = {}
        const camel: Record<string, unknown> = {}
        for (const [[snakeKey, camelKey], value] of entries) {
          snake[snakeKey] = value
          camel[camelKey] = value
        }
        expect(normalize(snake)).toEqual(normalize(camel))
      }),
      { numRuns: 1000 },
    )
  })

  it('is idempotent: normalizing a normalized license changes nothing', () => {
    const payload = fc.dictionary(fc.constantFrom(...Object.keys(RAW_KEY_MAP)), providerValue)
    fc.assert(
      fc.property(payload, (raw) => {
        const once = normalize(raw)
        expect(normalize(once)).toEqual(once)
      }),
      { numRuns: 1000 },
    )
  })

  it('unknown keys never affect the result', () => {
    const known = new Set(Object.keys(RAW_KEY_MAP))
    const junk = fc.dictionary(fc.string().filter((k) => !known.has(k) && k !== '__proto__'), anything)
    fc.assert(
      fc.property(junk, (extra) => {
        expect(normalize({ ...extra, ...SNAKE_RESPONSE })).toEqual(EXPECTED)
      }),
      { numRuns: 300 },
    )
  })
})
