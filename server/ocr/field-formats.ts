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

const PLATE_IN_TEXT = new RegExp(`[${PROVINCES}使][A-Z0-9][A-Z0-9挂学警港澳领使]{4,6}`)

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

/**
 * Corrections that cannot change a right reading: a plate's serial never holds O or I, a size
 * is always written with ×, and a VIN is exactly 17 characters (a stray neighbour glyph makes
 * 18; the window that passes the check digit is the VIN, the right-hand one first).
 */
const FIELD_FIXES: Partial<Record<FieldKey, (t: string) => string>> = {
  // A dash in a Chinese name is the character 一 (yī).
  owner: (t) => t.replace(/[—―─－-]/g, (dash, at: number) => (CJK.test(t[at - 1] ?? '') || CJK.test(t[at + 1] ?? '') ? '一' : dash)),
  plateNum: (t) => {
    // The province glyph 川 is sometimes read with an extra stroke: 川IA34022.
    const plate = /^.[I1l|]/.test(t) && classifyPlate(t) === null && classifyPlate(t[0]! + t.slice(2)) !== null ? t[0]! + t.slice(2) : t
    return plate.slice(0, 2) + plate.slice(2).replace(/O/g, '0').replace(/I/g, '1')
  },
  overallSize: (t) => t.replace(/\s*[x×X*]\s*/g, '×').replace(/MM$/, 'mm'),
  vin: (t) => {
    if (t.length <= 17) return t
    // A stray glyph comes from the label on the left more often than from the right.
    if (vinCheckDigitValid(t.slice(-17))) return t.slice(-17)
    return vinCheckDigitValid(t.slice(0, 17)) ? t.slice(0, 17) : t
  },
}

/**
 * Text as read, minus what is certainly not part of the value: separators at the edges,
 * spaces inside codes, spaces between Chinese characters. Characters are never guessed.
 */
export function cleanFieldText(field: FieldKey, text: string): string {
  let t = text.replace(EDGE_PUNCTUATION, '')
  if (CODE_FIELDS.has(field)) {
    t = t.replace(/\s+/g, '')
    if (field === 'plateNum' || field === 'vin' || field === 'engineNum') t = toHalfWidth(t).toUpperCase()
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
  owner: (t) => t.length >= 2 && CJK.test(t),
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
