// Random but realistic contents of a 机动车行驶证 (values as printed on the card).
import { vinCheckDigit } from '../../src/domain/vin'
import type { VehicleLicense } from '../../src/domain/license'
import type { Rng } from './random'

/** The front page prints these canonical fields as plain text. */
export type FrontFields = Pick<
  VehicleLicense,
  'plateNum' | 'vehicleType' | 'owner' | 'addr' | 'useCharacter' | 'model' | 'vin' | 'engineNum' | 'registerDate' | 'issueDate'
>

export interface BackFields {
  plateNum: string
  record: string
  passengersNum: string
  totalQuality: string
  prepareQuality: string
  overallSize: string
}

/** Printed on the back page but not part of the canonical record. */
export interface BackExtras {
  approvedLoad: string
  tractionMass: string
  remarks: string
  inspection: string
}

export interface LicenseData {
  front: FrontFields
  back: BackFields
  backExtras: BackExtras
  /** Issuing authority printed around the seal. */
  authority: string
}

interface Region {
  plate: string
  /** 档案编号 starts with the 4-digit region code. */
  code: string
  prefix: string
  districts: readonly string[]
  authority: string
}

const REGIONS: readonly Region[] = [
  { plate: '粤B', code: '4403', prefix: '广东省深圳市', districts: ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区', '龙华区'], authority: '广东省深圳市公安局交通警察支队' },
  { plate: '粤A', code: '4401', prefix: '广东省广州市', districts: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'], authority: '广东省广州市公安局交通警察支队' },
  { plate: '京A', code: '1100', prefix: '北京市', districts: ['朝阳区', '海淀区', '东城区', '西城区', '丰台区'], authority: '北京市公安局公安交通管理局' },
  { plate: '京N', code: '1100', prefix: '北京市', districts: ['通州区', '昌平区', '大兴区', '顺义区'], authority: '北京市公安局公安交通管理局' },
  { plate: '沪A', code: '3100', prefix: '上海市', districts: ['浦东新区', '徐汇区', '静安区', '闵行区', '杨浦区'], authority: '上海市公安局交通警察总队' },
  { plate: '浙A', code: '3301', prefix: '浙江省杭州市', districts: ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区'], authority: '浙江省杭州市公安局交通警察支队' },
  { plate: '苏E', code: '3205', prefix: '江苏省苏州市', districts: ['姑苏区', '吴中区', '相城区', '虎丘区'], authority: '江苏省苏州市公安局交通警察支队' },
  { plate: '川A', code: '5101', prefix: '四川省成都市', districts: ['武侯区', '锦江区', '青羊区', '金牛区', '成华区'], authority: '四川省成都市公安局交通管理局' },
  { plate: '鄂A', code: '4201', prefix: '湖北省武汉市', districts: ['洪山区', '武昌区', '江汉区', '汉阳区'], authority: '湖北省武汉市公安局交通管理局' },
  { plate: '鲁B', code: '3702', prefix: '山东省青岛市', districts: ['市南区', '市北区', '崂山区', '黄岛区'], authority: '山东省青岛市公安局交通警察支队' },
  { plate: '豫A', code: '4101', prefix: '河南省郑州市', districts: ['金水区', '中原区', '二七区', '管城回族区'], authority: '河南省郑州市公安局交通警察支队' },
  { plate: '湘A', code: '4301', prefix: '湖南省长沙市', districts: ['岳麓区', '芙蓉区', '天心区', '雨花区'], authority: '湖南省长沙市公安局交通警察支队' },
  { plate: '渝A', code: '5000', prefix: '重庆市', districts: ['渝中区', '江北区', '南岸区', '沙坪坝区'], authority: '重庆市公安局交通巡逻警察总队' },
  { plate: '闽D', code: '3502', prefix: '福建省厦门市', districts: ['思明区', '湖里区', '集美区', '海沧区'], authority: '福建省厦门市公安局交通警察支队' },
]

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅飞鹏辉波斌宇浩凯健俊帆帅旭宁龙林欣佳晨阳雪琳晶婷子轩浩然思远文博嘉怡梓涵一诺雨萱海燕春晓东'
const STREET_WORDS = ['科技', '深南', '人民', '建设', '解放', '中山', '和平', '滨海', '学府', '长江', '黄河', '东风', '光明', '新华', '文化', '体育', '花园', '湖滨', '金融', '迎宾']
const STREET_KINDS = ['路', '大道', '街', '东路', '西路', '南路', '北路']
const ESTATES = ['阳光花园', '碧海湾', '翠苑', '锦绣家园', '华府', '名城', '新村', '丽景苑', '书香门第', '江南春']
const COMPANY_WORDS = ['腾达', '宏远', '华信', '鑫源', '恒通', '创新', '盛世', '新锐', '博远', '天成', '联创', '安达']
const COMPANY_KINDS = ['科技有限公司', '贸易有限公司', '物流有限公司', '汽车租赁有限公司', '建设工程有限公司', '电子有限公司']

interface ModelSpec {
  brand: string
  /** Model code stem; digits are appended. */
  code: string
  wmi: string
  vehicleType: string
  kind: 'car' | 'suv' | 'van' | 'truck' | 'tractor'
}

const MODELS: readonly ModelSpec[] = [
  { brand: '大众汽车牌', code: 'SVW71', wmi: 'LSV', vehicleType: '小型轿车', kind: 'car' },
  { brand: '大众汽车牌', code: 'FV71', wmi: 'LFV', vehicleType: '小型轿车', kind: 'car' },
  { brand: '丰田牌', code: 'GTM72', wmi: 'LVG', vehicleType: '小型轿车', kind: 'car' },
  { brand: '本田牌', code: 'HG71', wmi: 'LHG', vehicleType: '小型轿车', kind: 'car' },
  { brand: '别克牌', code: 'SGM71', wmi: 'LSG', vehicleType: '小型轿车', kind: 'car' },
  { brand: '比亚迪牌', code: 'BYD70', wmi: 'LGX', vehicleType: '小型轿车', kind: 'car' },
  { brand: '吉利牌', code: 'MR71', wmi: 'L6T', vehicleType: '小型轿车', kind: 'car' },
  { brand: '长安牌', code: 'SC71', wmi: 'LS5', vehicleType: '小型轿车', kind: 'car' },
  { brand: '宝马牌', code: 'BMW72', wmi: 'LBV', vehicleType: '小型轿车', kind: 'car' },
  { brand: '奔驰牌', code: 'BJ72', wmi: 'LE4', vehicleType: '小型轿车', kind: 'car' },
  { brand: '特斯拉牌', code: 'TSL70', wmi: 'LRW', vehicleType: '小型轿车', kind: 'car' },
  { brand: '哈弗牌', code: 'CC64', wmi: 'LGW', vehicleType: '小型普通客车', kind: 'suv' },
  { brand: '日产牌', code: 'DFL64', wmi: 'LGB', vehicleType: '小型越野客车', kind: 'suv' },
  { brand: '五菱牌', code: 'LZW64', wmi: 'LZW', vehicleType: '小型普通客车', kind: 'van' },
  { brand: '江铃全顺牌', code: 'JX65', wmi: 'LJX', vehicleType: '中型普通客车', kind: 'van' },
  { brand: '福田牌', code: 'BJ10', wmi: 'LVB', vehicleType: '轻型厢式货车', kind: 'truck' },
  { brand: '东风牌', code: 'DFL11', wmi: 'LGA', vehicleType: '重型仓栅式货车', kind: 'truck' },
  { brand: '解放牌', code: 'CA42', wmi: 'LFW', vehicleType: '重型半挂牵引车', kind: 'tractor' },
]

const USE_CHARACTERS: Record<ModelSpec['kind'], readonly string[]> = {
  car: ['非营运', '非营运', '非营运', '预约出租客运', '租赁', '出租客运'],
  suv: ['非营运', '非营运', '租赁'],
  van: ['非营运', '公路客运', '旅游客运'],
  truck: ['货运', '非营运'],
  tractor: ['货运'],
}

/** Letters used on plates and in codes: no I or O (nor Q in VINs). */
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const CODE_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'
const DIGITS = '0123456789'
/** Model year code (VIN position 10) from 2008. */
const YEAR_CODES = '89ABCDEFGHJKLMNPRS'

const chars = (rng: Rng, alphabet: string, n: number): string =>
  Array.from({ length: n }, () => rng.pick(alphabet.split(''))).join('')

/**
 * What a generated license holds beyond the common case: each option forces one of the cases the
 * benchmark reports as a class of its own; left out, each case comes up at its natural rate.
 */
export interface LicenseOptions {
  /** An address long enough to wrap onto a second printed line. */
  wrappedAddr?: boolean
  /** An 8-character new-energy plate (粤BD12345, 粤B12345F). */
  newEnergy?: boolean
  /** A company as owner. */
  company?: boolean
  /** A model code with a hyphen (HFC6417XRSEV5-K). */
  hyphenModel?: boolean
  /** Engine number and model code mixing the digit 0 and the letter O. */
  zeroO?: boolean
}

function plateSerial(rng: Rng, plate: string, newEnergy?: boolean): string {
  if (newEnergy ?? rng.chance(0.2)) {
    // Large new-energy plate (buses, trucks): five digits, then D or F.
    if (rng.chance(0.3)) return plate + chars(rng, DIGITS, 5) + rng.pick(['D', 'F'])
    // Small new-energy plate: D (electric) or F, then one letter/digit and four digits.
    return plate + rng.pick(['D', 'F']) + chars(rng, PLATE_LETTERS + DIGITS, 1) + chars(rng, DIGITS, 4)
  }
  const letters = rng.int(0, 2)
  const slots = chars(rng, DIGITS, 5).split('')
  for (let i = 0; i < letters; i++) slots[rng.int(0, 4)] = chars(rng, PLATE_LETTERS, 1)
  return plate + slots.join('')
}

export function makeVin(rng: Rng, wmi: string, year: number): string {
  const vds = chars(rng, CODE_LETTERS + DIGITS, 5)
  const yearCode = YEAR_CODES[Math.max(0, Math.min(YEAR_CODES.length - 1, year - 2008))]!
  const tail = yearCode + chars(rng, CODE_LETTERS + DIGITS, 1) + chars(rng, DIGITS, 6)
  const draft = `${wmi}${vds}0${tail}`
  const check = vinCheckDigit(draft)
  if (check === null) throw new Error(`generated an ill-formed VIN ${draft}`)
  return `${wmi}${vds}${check}${tail}`
}

function engineNumber(rng: Rng, zeroO: boolean): string {
  const pattern = rng.pick(['LLL######', '#######', 'L##L#####', 'LL######', '########', 'L#L######'])
  const plain = pattern.replace(/[L#]/g, (c) => (c === 'L' ? chars(rng, CODE_LETTERS, 1) : chars(rng, DIGITS, 1)))
  if (!zeroO) return plain
  // Engine makers do use the letter O (and the digit 0 next to it): 0O8K01O52, DO4A02O1.
  const slots = plain.split('')
  const letters = slots.map((c, i) => (/[A-Z]/.test(c) ? i : -1)).filter((i) => i >= 0)
  const at = letters.length > 0 ? rng.pick(letters) : rng.int(0, 2)
  slots[at] = 'O'
  const digits = slots.map((c, i) => (/[0-9]/.test(c) ? i : -1)).filter((i) => i >= 0)
  if (digits.length > 0) slots[rng.pick(digits)] = '0'
  if (rng.chance(0.5) && digits.length > 1) slots[rng.pick(digits)] = rng.pick(['0', 'O'])
  return slots.join('')
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

function randomDate(rng: Rng, fromYear: number, toYear: number): Date {
  const start = Date.UTC(fromYear, 0, 1)
  const end = Date.UTC(toYear, 11, 31)
  return new Date(start + Math.floor(rng.next() * ((end - start) / 86400000)) * 86400000)
}

const isoDate = (d: Date): string => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`

function personName(rng: Rng): string {
  return rng.pick(SURNAMES.split('')) + chars(rng, GIVEN, rng.chance(0.7) ? 2 : 1)
}

const SUBDISTRICTS = ['粤海街道', '沙河街道', '西丽街道', '梅林街道', '新安街道', '五里店街道', '南湖街道', '城关镇', '花园路街道', '长桥街道']

/** Printed value width limit of the address line in em (card value column / value font size). */
export const ADDR_LINE_EM = (880 - 24 - 182) / 24

/** An address too long for one printed line but within two: it wraps. */
function wrappedAddress(rng: Rng, region: Region): string {
  for (;;) {
    const street = rng.pick(STREET_WORDS) + rng.pick(STREET_KINDS) + `${rng.int(1, 999)}号`
    const room = rng.pick([`${rng.int(1, 30)}栋${rng.int(1, 6)}单元${rng.int(1, 32)}${pad2(rng.int(1, 12))}室`, `${rng.int(1, 30)}栋${rng.int(1, 32)}${pad2(rng.int(1, 12))}房`, `${rng.pick(['A', 'B', 'C'])}座${rng.int(1, 32)}${pad2(rng.int(1, 12))}室`])
    const addr = region.prefix + rng.pick(region.districts) + rng.pick(SUBDISTRICTS) + street + rng.pick(ESTATES) + (rng.chance(0.4) ? rng.pick(['小区', '二期', '北区', '东苑']) : '') + room
    let em = 0
    for (const c of addr) em += /[\u2E80-\uFFFF]/.test(c) ? 1 : 0.58
    if (em > ADDR_LINE_EM + 0.5 && em < 2 * ADDR_LINE_EM - 1) return addr
  }
}

function address(rng: Rng, region: Region): string {
  const street = rng.pick(STREET_WORDS) + rng.pick(STREET_KINDS) + `${rng.int(1, 999)}号`
  const rest = rng.chance(0.6)
    ? `${rng.pick(ESTATES)}${rng.int(1, 30)}栋${rng.int(1, 32)}${pad2(rng.int(1, 12))}`
    : rng.chance(0.5)
      ? `${rng.int(1, 9)}单元${rng.int(101, 2808)}房`
      : ''
  return region.prefix + rng.pick(region.districts) + street + rest
}

function modelName(rng: Rng, spec: ModelSpec, hyphen: boolean, zeroO: boolean): string {
  let suffix = chars(rng, DIGITS, 2) + chars(rng, CODE_LETTERS, rng.int(1, 3)) + (rng.chance(0.4) ? chars(rng, DIGITS, 1) : '')
  if (zeroO) {
    // A letter O in the code next to digits 0 (SVW7180OBD, BJ7200OEV).
    suffix = suffix.slice(0, 2).replace(/^./, '0') + 'O' + suffix.slice(3)
  }
  // Type-approval suffix after a hyphen: HFC6417XRSEV5-K, BJ10B0LR5-3.
  if (hyphen) suffix += '-' + rng.pick([chars(rng, CODE_LETTERS, 1), chars(rng, DIGITS, 1), chars(rng, CODE_LETTERS, 1) + chars(rng, DIGITS, 1)])
  return spec.brand + spec.code + suffix
}

function masses(rng: Rng, kind: ModelSpec['kind']): { passengers: number; total: number; prepare: number; load: string } {
  switch (kind) {
    case 'car':
      return { passengers: 5, ...carMass(rng, 1250, 2100), load: '--' }
    case 'suv':
      return { passengers: rng.pick([5, 5, 7]), ...carMass(rng, 1450, 2400), load: '--' }
    case 'van':
      return { passengers: rng.pick([7, 8, 9, 15]), ...carMass(rng, 1300, 3500), load: '--' }
    case 'truck': {
      const prepare = rng.int(22, 90) * 50
      const load = rng.int(10, 60) * 50
      return { passengers: rng.pick([2, 3, 5]), prepare, total: prepare + load + 200, load: `${load}kg` }
    }
    case 'tractor': {
      const prepare = rng.int(160, 190) * 50
      return { passengers: 2, prepare, total: 25000, load: '--' }
    }
  }
}

function carMass(rng: Rng, lo: number, hi: number): { total: number; prepare: number } {
  const prepare = rng.int(lo / 5, hi / 5) * 5
  return { prepare, total: prepare + rng.int(70, 110) * 5 }
}

function overallSize(rng: Rng, kind: ModelSpec['kind']): string {
  const [l, w, h] =
    kind === 'truck' || kind === 'tractor'
      ? [rng.int(5995, 8995), rng.int(2000, 2550), rng.int(2300, 3990)]
      : kind === 'van'
        ? [rng.int(3800, 5990), rng.int(1600, 2000), rng.int(1700, 2500)]
        : [rng.int(4200, 5100), rng.int(1700, 1960), rng.int(1400, 1800)]
  return `${l}×${w}×${h}mm`
}

export function randomLicense(rng: Rng, opts: LicenseOptions = {}): LicenseData {
  const region = rng.pick(REGIONS)
  const spec = rng.pick(MODELS)
  const plateNum = plateSerial(rng, region.plate, opts.newEnergy)
  // Natural rates of the special cases when not forced.
  const wrapped = opts.wrappedAddr ?? rng.chance(0.15)
  const company = opts.company ?? rng.chance(0.2)
  const hyphen = opts.hyphenModel ?? rng.chance(0.15)
  const zeroO = opts.zeroO ?? rng.chance(0.1)
  const registered = randomDate(rng, 2008, 2024)
  const issued = rng.chance(0.7) ? registered : randomDate(rng, Math.min(2024, registered.getUTCFullYear() + 1), 2025)
  const owner = company
    ? region.prefix.replace(/^.*省/, '') + rng.pick(COMPANY_WORDS) + rng.pick(COMPANY_KINDS)
    : personName(rng)
  const m = masses(rng, spec.kind)
  const inspectYear = Math.min(2027, issued.getUTCFullYear() + rng.int(2, 6))
  return {
    front: {
      plateNum,
      vehicleType: spec.vehicleType,
      owner,
      addr: wrapped ? wrappedAddress(rng, region) : address(rng, region),
      useCharacter: rng.pick(USE_CHARACTERS[spec.kind]),
      model: modelName(rng, spec, hyphen, zeroO),
      vin: makeVin(rng, spec.wmi, registered.getUTCFullYear()),
      engineNum: engineNumber(rng, zeroO),
      registerDate: isoDate(registered),
      issueDate: isoDate(issued),
    },
    back: {
      plateNum,
      record: region.code + chars(rng, DIGITS, 8),
      passengersNum: `${m.passengers}人`,
      totalQuality: `${m.total}kg`,
      prepareQuality: `${m.prepare}kg`,
      overallSize: overallSize(rng, spec.kind),
    },
    backExtras: {
      approvedLoad: m.load,
      tractionMass: spec.kind === 'tractor' ? `${rng.int(30, 38) * 1000}kg` : '--',
      remarks: rng.chance(0.3) ? '无' : '',
      inspection: `检验有效期至${inspectYear}年${pad2(rng.int(1, 12))}月${region.plate[0]}(${region.plate[1]})`,
    },
    authority: region.authority,
  }
}
