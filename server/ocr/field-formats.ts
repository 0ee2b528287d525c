// Per-field clean-up of OCR text and the format checks that lower a field's confidence.
import type { FieldKey } from '../../src/domain/license'
import { classifyPlate, PROVINCES } from '../../src/domain/plate'
import { toHalfWidth } from '../../src/domain/text'
import { toIsoDate } from '../../src/domain/date'
import { vinCheckDigitValid } from '../../src/domain/vin'

const CJK = /[\u4e00-\u9fff]/

/** Leading/trailing separators OCR picks up between a label and its value. */
const EDGE_PUNCTUATION = /^[\s:：;；,，.。·、|!！?？'"“”‘’]+|[\s:：;；,，。·、|!！?？'"“”‘’]+$/g

const CHINESE_LED: ReadonlySet<FieldKey> = new Set<FieldKey>(['addr', 'vehicleType', 'useCharacter'])

/** Fields read as codes: no spaces survive, letters upper case. */
const CODE_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>([
  'plateNum', 'vin', 'engineNum', 'registerDate', 'issueDate', 'record',
  'passengersNum', 'totalQuality', 'prepareQuality', 'overallSize',
])

// Up to 7 after the first two: an 8-character plate read with an extra stroke (川IA94705F).
const PLATE_IN_TEXT = new RegExp(`[${PROVINCES}使][A-Z0-9][A-Z0-9挂学警港澳领使]{4,7}`)

/**
 * The value's own pattern inside noisy text: codes never contain Chinese, so a stray
 * character from a neighbouring label or the seal ("码F11M87244", "月2021-07-01") is cut.
 */
const VALUE_PATTERNS: Partial<Record<FieldKey, RegExp>> = {
  vin: /[A-Z0-9]{10,20}/,
  engineNum: /[A-Z0-9][A-Z0-9-]{3,}[A-Z0-9]/,
  record: /[0-9A-Z]{6,}/,
  registerDate: /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8}/,
  issueDate: /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8}/,
  passengersNum: /\d{1,3}\s*人?/,
  totalQuality: /\d+(?:\.\d+)?\s*(?:kg|KG|Kg|公斤|千克|吨|t)?/,
  prepareQuality: /\d+(?:\.\d+)?\s*(?:kg|KG|Kg|公斤|千克|吨|t)?/,
  overallSize: /\d+\s*[x×X*]\s*\d+\s*[x×X*]\s*\d+\s*(?:mm|MM)?/,
  plateNum: PLATE_IN_TEXT,
}

/** Letters the recognizer gives for digits, for fields printed in digits only. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0', o: '0', Q: '0', D: '0', U: '0',
  I: '1', l: '1', '|': '1', i: '1', L: '1',
  Z: '2', z: '2', S: '5', s: '5', B: '8', G: '6', b: '6', g: '9', q: '9', T: '7',
}
const LOOKALIKE = `[${Object.keys(DIGIT_LOOKALIKES).join('').replace('|', '\\|')}]`
/** A look-alike letter inside a run of digits (next to a digit or another look-alike). */
const LOOKALIKE_IN_DIGITS = new RegExp(`(?<=[0-9]${LOOKALIKE}*)${LOOKALIKE}|${LOOKALIKE}(?=${LOOKALIKE}*[0-9])`, 'g')

/**
 * Fields printed in digits only (dates, masses, counts, sizes; the unit letters kg / mm and the
 * separators stay): a letter inside a run of digits is a misread digit.
 */
const DIGITS_ONLY: ReadonlySet<FieldKey> = new Set<FieldKey>(['registerDate', 'issueDate', 'totalQuality', 'prepareQuality', 'passengersNum', 'overallSize', 'record'])

export function digitsFromLookalikes(field: FieldKey, text: string): string {
  if (!DIGITS_ONLY.has(field)) return text
  // The unit suffix (kg, mm) keeps its letters; so does a size's × (written x, X).
  const unit = /(?:kg|KG|Kg|mm|MM|公斤|人)$/.exec(text)?.[0] ?? ''
  const body = text.slice(0, text.length - unit.length)
  const sizeSep = field === 'overallSize' ? /[xX×*]/ : null
  const fixed = body.replace(LOOKALIKE_IN_DIGITS, (c, at: number) => (sizeSep && /[xX]/.test(c) && /\d/.test(body[at - 1] ?? '') ? c : DIGIT_LOOKALIKES[c]!))
  return fixed + unit
}

/** Province-level divisions, as a 住址 starts with them. */
const PROVINCE_LEVEL = [
  '北京市', '天津市', '上海市', '重庆市', '河北省', '山西省', '辽宁省', '吉林省', '黑龙江省', '江苏省', '浙江省',
  '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '海南省', '四川省', '贵州省',
  '云南省', '陕西省', '甘肃省', '青海省', '台湾省', '内蒙古自治区', '广西壮族自治区', '西藏自治区',
  '宁夏回族自治区', '新疆维吾尔自治区', '香港特别行政区', '澳门特别行政区',
]
const startsWithProvinceLevel = (t: string): boolean => PROVINCE_LEVEL.some((name) => t.startsWith(name))

/** The end of the label 所有人 (with an English sub-label's letters) leaked before a person's name, or before a company's. */
const OWNER_LABEL_END = '(?:[A-Za-z]{0,3}|所?有?)人'
const LABEL_END_BEFORE_NAME = new RegExp(`^${OWNER_LABEL_END}(?=[\\u4e00-\\u9fff]{2,4}$)`)
const LABEL_END_BEFORE_COMPANY = new RegExp(`^${OWNER_LABEL_END}(?=.{2,}(?:公司|集团|厂|中心|合作社)$)`)

/** Letters a digit is misread for in the plate's letter position (the issuing authority). */
const PLATE_LETTER_FOR_DIGIT: Readonly<Record<string, string>> = { '0': 'D', '8': 'B', '2': 'Z', '5': 'S', '6': 'G', '4': 'A' }

/**
 * Corrections that cannot change a right reading: a plate's serial never holds O or I and its
 * second character is a letter, a size is always written with ×, a VIN never holds O, I or Q
 * (read for 0, 1, 0) and is exactly 17 characters (a stray neighbour glyph makes 18; the
 * window that passes the check digit is the VIN, the right-hand one first).
 */
const FIELD_FIXES: Partial<Record<FieldKey, (t: string) => string>> = {
  // A glyph or two before a province-level name is a leaked label or seal glyph (址重庆市…,
  // 上上海市…): an address starts with its province, or with no province at all.
  addr: (t) => {
    if (startsWithProvinceLevel(t)) return t
    const rest = [1, 2].map((n) => t.slice(n)).find(startsWithProvinceLevel)
    return rest ?? t
  },
  // A dash in a Chinese name is the character 一 (yī). No surname is 人: before a person's name,
  // or a company's province or city, it is the end of the label 所有人 leaked into the value.
  owner: (t) =>
    t
      .replace(/[—―─－-]/g, (dash, at: number) => (CJK.test(t[at - 1] ?? '') || CJK.test(t[at + 1] ?? '') ? '一' : dash))
      .replace(LABEL_END_BEFORE_NAME, '')
      // The same before a company named after its province or city (人北京市恒通电子有限公司).
      .replace(LABEL_END_BEFORE_COMPANY, (leak, _at: number, all: string) => (startsWithProvinceLevel(all.slice(leak.length)) ? '' : leak)),
  plateNum: (t) => {
    // The province glyph 川 is sometimes read with an extra stroke: 川IA34022.
    let plate = /^.[I1l|]/.test(t) && classifyPlate(t) === null && classifyPlate(t[0]! + t.slice(2)) !== null ? t[0]! + t.slice(2) : t
    // A stray glyph after the plate: the longest valid plate it starts with.
    if (classifyPlate(plate) === null && plate.length > 7) {
      const fits = [8, 7].map((n) => plate.slice(0, n)).find((p) => classifyPlate(p) !== null)
      if (fits) plate = fits
    }
    const letter = PLATE_LETTER_FOR_DIGIT[plate[1] ?? ''] ?? plate[1] ?? ''
    return plate.slice(0, 1) + letter + plate.slice(2).replace(/O/g, '0').replace(/I/g, '1')
  },
  // A card's 外廓尺寸 is always in mm: a reading that lost the unit gets it back.
  overallSize: (t) => {
    const size = t.replace(/\s*[x×X*]\s*/g, '×').replace(/MM$/, 'mm')
    return /^\d{3,5}×\d{3,5}×\d{3,5}$/.test(size) ? `${size}mm` : size
  },
  vin: (raw) => {
    const t = raw.replace(/[OQ]/g, '0').replace(/I/g, '1')
    if (t.length <= 17) return t
    // A stray glyph comes from the label on the left more often than from the right.
    if (vinCheckDigitValid(t.slice(-17))) return t.slice(-17)
    return vinCheckDigitValid(t.slice(0, 17)) ? t.slice(0, 17) : t
  },
}

/**
 * Text as read, minus what is certainly not part of the value: separators at the edges,
 * spaces inside codes, spaces between Chinese characters; plus the corrections a field's rules
 * make certain (digits-only fields, VIN alphabet, plate positions). Nothing else is guessed:
 * a doubtful character lowers the field's confidence instead (confidence.ts).
 */
export function cleanFieldText(field: FieldKey, text: string): string {
  let t = text.replace(EDGE_PUNCTUATION, '')
  if (CODE_FIELDS.has(field)) {
    t = t.replace(/\s+/g, '')
    if (field === 'plateNum' || field === 'vin' || field === 'engineNum') t = toHalfWidth(t).toUpperCase()
    t = digitsFromLookalikes(field, toHalfWidth(t))
    const own = VALUE_PATTERNS[field]?.exec(t)
    if (own) t = own[0]
  } else {
    // These values always start with a Chinese glyph: a leading Latin letter or digit is a
    // speck or a label fragment (X上海市…).
    if (CHINESE_LED.has(field)) t = t.replace(/^[^\u4e00-\u9fff]+/, '')
    // A name may start with Latin letters (TCL科技…), but a lone one before Chinese is a speck.
    if (field === 'owner') t = t.replace(/^[^\u4e00-\u9fff\s](?=[\u4e00-\u9fff])/, '')
    // OCR splits Chinese text into words; spaces only make sense between Latin words.
    t = t.trim().replace(/\s+/g, (space, at: number, all: string) =>
      /[A-Za-z0-9]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + space.length] ?? '') ? ' ' : '',
    )
  }
  return FIELD_FIXES[field]?.(t) ?? t
}

const MASS = /^\d{2,6}(?:\.\d+)?(?:kg|KG|Kg|公斤)$/
const SIZE = /^\d{3,5}[x×X*]\d{3,5}[x×X*]\d{3,5}(?:mm)?$/

const CHECKS: Readonly<Record<FieldKey, (t: string) => boolean>> = {
  plateNum: (t) => classifyPlate(t) !== null,
  vehicleType: (t) => /^[\u4e00-\u9fff]{2,10}$/.test(t) && /车$/.test(t),
  // No name holds a digit: one there is a leaked label or seal glyph (人1任桂嘉), flagged.
  owner: (t) => t.length >= 2 && CJK.test(t) && !/[0-9]/.test(t),
  addr: (t) => t.length >= 5 && /[省市区县州镇乡村路街道号]/.test(t),
  useCharacter: (t) => /^[\u4e00-\u9fff]{2,8}$/.test(t),
  model: (t) => /牌/.test(t) && /[A-Z0-9]/.test(t),
  vin: (t) => vinCheckDigitValid(t),
  engineNum: (t) => /^[A-Z0-9-]{5,20}$/.test(t),
  registerDate: (t) => toIsoDate(toHalfWidth(t)) !== null,
  issueDate: (t) => toIsoDate(toHalfWidth(t)) !== null,
  record: (t) => /^[0-9A-Z]{8,15}$/.test(t),
  passengersNum: (t) => /^\d{1,2}人?$/.test(t) && Number.parseInt(t, 10) >= 1,
  totalQuality: (t) => MASS.test(t),
  prepareQuality: (t) => MASS.test(t),
  overallSize: (t) => SIZE.test(t),
}

export function fieldFormatOk(field: FieldKey, text: string): boolean {
  return CHECKS[field](text)
}

/** How much a failed format check lowers the recognition score. */
export const FORMAT_PENALTY = 0.5

/**
 * A 0/O at least this size against the digits of its code (width ratio + height ratio − 1,
 * engine/zero-o.ts) is an O: a third wider in proportional fonts, 5-10% wider and 2-5% taller
 * in the monospaced one (scripts/ocr/zero-o-probe.ts on the seed-101 and seed-555 sets: every O
 * but one ≥ 1.094, every 0 but two ≤ 1.069).
 */
export const O_MIN_RATIO = 1.09
/** A 0/O at most this size (against the digits) is a 0; in between it stays doubtful. */
export const ZERO_MAX_RATIO = 1.07
/** Probability of a glyph whose size settles it as O. */
const SETTLED_GLYPH = 0.97
/** Probability given to a 0/O whose size says neither (or was not measurable): the field gets flagged. */
export const AMBIGUOUS_GLYPH = 0.5

/**
 * Against the digits an O can measure small (1.06–1.08 on seed 777, inside the 0's band), but
 * never against a 0 of the same code: every O was ≥ 0.074 larger than a clear 0 beside it, every
 * 0 within 0.04 of another (seeds 777, 555, 101: scripts/ocr/zero-o-probe.ts). So a 0/O from
 * RELATIVE_O_MIN up that is O_OVER_ZERO larger than every other 0/O of its code not sized as an O,
 * a clear 0 (≤ CLEAR_ZERO_RATIO) among them, is an O; below RELATIVE_O_MIN the digits' verdict
 * stands (a 0 beside a 0 measured small).
 */
export const CLEAR_ZERO_RATIO = 1.03
const RELATIVE_O_MIN = 1.045
const O_OVER_ZERO = 0.06
/**
 * Doubt where the two measures leave little margin (issue 14, flag recall; every 0/O of the
 * kept sets of seeds 555, 101, 364182, 777 and 968137, labelled by the truth):
 * - between the populations of the relative rule: a 0/O from RELATIVE_O_MIN up that is
 *   RELATIVE_DOUBT_GAP to O_OVER_ZERO larger than the 0s beside it: 2 O (00590183, 0UO03991,
 *   both first in their code), no 0;
 * - an O by the digits alone, below UNCONFIRMED_O_MAX, with no clear 0 in the code to compare
 *   with: blur or few pixels take a 0 to 1.09-1.10 (A1K847709, CC6414JUD0, SVW7124NJB-W0: the
 *   3 zeros of 301 glyphs sized as O, all in this band), where the monospaced O measures
 *   1.09-1.14; 3 of the 298 O were there (2 codes, H72O24O98 with no 0 at all).
 */
const RELATIVE_DOUBT_GAP = 0.04
const UNCONFIRMED_O_MAX = 1.15
/**
 * An O by the relative rule alone (below O_MIN_RATIO) less than this above the 0 beside it is
 * doubtful: the O of the labelled sets were all ≥ 0.074 above, and on seed 957533 a 0 measured
 * 1.086 beside a 0 at 1.023 (860829O4 for 86082904, 0.063 apart).
 */
const RELATIVE_O_SURE_GAP = 0.075
/**
 * More doubt where the measures fail without a margin to see (issue 14, same labelled sets; the
 * target trades a few right fields flagged for wrong ones caught):
 * - text lines under SMALL_LINE_PX (low-quality and desk photos): between two 0s of one code the
 *   size differs by 0.037 on average, 0.012 on larger lines, so an O below UNCONFIRMED_O_MAX is
 *   doubtful even beside a clear 0 (3O302893: a 0 at 1.082, 0.08 above the 0s, on a 22 px line;
 *   2 right O of 7 such glyphs flagged with it);
 * - the first glyph of an engine number read or sized as 0: with no glyph before it, an O there
 *   measured 0.952, among the 0s (0.925-1.059; 37 right 0s flagged for it);
 * - a plate serial's 0 that was read as O: the rule makes it 0, but a Q or D reads as O too
 *   (粤ADQ8527 → 粤AD08527; 1 of 20 such glyphs, the other 19 right 0s flagged).
 */
const SMALL_LINE_PX = 24

/** Codes that may hold both 0 and O (the others have rules: VIN, plate, digits-only fields). */
const ZERO_O_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['engineNum', 'model'])

/**
 * Engine numbers and model codes may hold both the digit 0 and the letter O, which the
 * recognizer reads as it likes. Their printed sizes settle it (engine/zero-o.ts): clearly
 * larger than the digits is O, as large is 0, in between leaves the glyph doubtful.
 */
export function settleZeroO(
  field: FieldKey,
  text: string,
  chars: readonly (number | null)[],
  ratios: readonly (number | null)[],
  lineHeightPx?: number,
): { text: string; chars: (number | null)[] } {
  const out = [...chars]
  const glyphs = [...text]
  if (field === 'plateNum') {
    // A serial 0 with no probability of its own was put there by the plate rule (read as O).
    glyphs.forEach((g, i) => {
      if (i >= 2 && g === '0' && out[i] === null) out[i] = AMBIGUOUS_GLYPH
    })
    return { text, chars: out }
  }
  if (!ZERO_O_FIELDS.has(field)) return { text, chars: out }
  const smallLine = lineHeightPx !== undefined && lineHeightPx < SMALL_LINE_PX
  const isZeroO = (i: number): boolean => glyphs[i] === '0' || glyphs[i] === 'O'
  // The largest other 0/O that is not an O by its own size, provided a clear 0 is among them:
  // in a perspective photo sizes grow along the line, so a 0 far from the clear one measures
  // larger, and a 0 in between keeps the last 0 of 0699900 from passing for an O.
  const largestZeroBeside = (i: number): number | undefined => {
    const others = ratios.filter((r, j): r is number => j !== i && isZeroO(j) && r !== null && r > 0 && r < O_MIN_RATIO)
    return others.some((r) => r <= CLEAR_ZERO_RATIO) ? Math.max(...others) : undefined
  }
  glyphs.forEach((g, i) => {
    const r = ratios[i]
    if ((g !== '0' && g !== 'O') || !r) return
    const beside = largestZeroBeside(i)
    const zero = r >= RELATIVE_O_MIN && r < O_MIN_RATIO ? beside : undefined
    if ((r >= O_MIN_RATIO && r < 1.9) || (zero !== undefined && r - zero >= O_OVER_ZERO)) {
      // Clearly round: an O, whatever the recognizer's doubt between the two; unless only the
      // digits say so, by a small margin.
      glyphs[i] = 'O'
      const unconfirmed = r < UNCONFIRMED_O_MAX && (beside === undefined || smallLine)
      const narrow = zero !== undefined && r - zero < RELATIVE_O_SURE_GAP
      out[i] = unconfirmed || narrow ? Math.min(out[i] ?? 1, AMBIGUOUS_GLYPH) : Math.max(out[i] ?? 0, SETTLED_GLYPH)
    } else if (r > 0 && r <= ZERO_MAX_RATIO) {
      glyphs[i] = '0'
      if (zero !== undefined && r - zero >= RELATIVE_DOUBT_GAP) out[i] = Math.min(out[i] ?? 1, AMBIGUOUS_GLYPH)
    } else out[i] = Math.min(out[i] ?? 1, AMBIGUOUS_GLYPH)
  })
  if (field === 'engineNum' && glyphs[0] === '0') out[0] = Math.min(out[0] ?? 1, AMBIGUOUS_GLYPH)
  return { text: glyphs.join(''), chars: out }
}

/**
 * An engine number's I is doubtful: the recognizer reads a 1 as I with a sure probability
 * (X1V996965 → XIV996965 at 0.98), no rule of the field settles it, and engine numbers, like
 * VINs whose alphabet leaves the letter out for this very confusion, seldom hold one. The
 * glyph stays as read.
 */
export function doubtLetterI(field: FieldKey, text: string, chars: readonly (number | null)[]): (number | null)[] {
  if (field !== 'engineNum') return [...chars]
  return [...text].map((g, i) => (g === 'I' ? Math.min(chars[i] ?? 1, AMBIGUOUS_GLYPH) : (chars[i] ?? null)))
}
