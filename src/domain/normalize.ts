// Any OCR provider payload -> canonical VehicleLicense. Never throws on malformed input.
import { toIsoDate } from './date'
import { emptyLicense, type FieldKey, type VehicleLicense } from './license'
import { cleanPlate } from './plate'
import { collapseSpaces, toHalfWidth } from './text'

/**
 * Every provider key we know -> canonical field, quirks included (WeChat documents
 * vhicle_type, plate_num_b and totalprepare_quality_quality). Table order is priority:
 * when several keys map to one field, the first with a usable value wins.
 */
export const RAW_KEY_MAP: Readonly<Record<string, FieldKey>> = {
  plate_num: 'plateNum',
  plateNum: 'plateNum',
  plate_num_b: 'plateNum',
  plateNumB: 'plateNum',
  vehicle_type: 'vehicleType',
  vehicleType: 'vehicleType',
  vhicle_type: 'vehicleType',
  vhicleType: 'vehicleType',
  owner: 'owner',
  addr: 'addr',
  use_character: 'useCharacter',
  useCharacter: 'useCharacter',
  model: 'model',
  vin: 'vin',
  engine_num: 'engineNum',
  engineNum: 'engineNum',
  register_date: 'registerDate',
  registerDate: 'registerDate',
  issue_date: 'issueDate',
  issueDate: 'issueDate',
  record: 'record',
  passengers_num: 'passengersNum',
  passengersNum: 'passengersNum',
  total_quality: 'totalQuality',
  totalQuality: 'totalQuality',
  prepare_quality: 'prepareQuality',
  prepareQuality: 'prepareQuality',
  totalprepare_quality_quality: 'prepareQuality',
  totalprepareQualityQuality: 'prepareQuality',
  overall_size: 'overallSize',
  overallSize: 'overallSize',
}

type NumericKey = 'passengersNum' | 'totalQuality' | 'prepareQuality'
type TextKey = Exclude<FieldKey, NumericKey>
type Scalar = string | number

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key)

/** Accepts a string, a finite number or a `{ text }` object (some SDK shapes). */
function scalarOf(value: unknown, depth = 0): Scalar | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (depth < 3 && typeof value === 'object' && value !== null && hasOwn(value, 'text')) {
    return scalarOf((value as { text: unknown }).text, depth + 1)
  }
  return undefined
}

const cleanCode = (text: string): string => toHalfWidth(text).replace(/\s+/g, '').toUpperCase()

function cleanDate(text: string): string {
  return toIsoDate(toHalfWidth(text)) ?? collapseSpaces(text)
}

const DIMENSION = '(\\d+(?:\\.\\d+)?)'
const SIZE = new RegExp(`^${DIMENSION}[x×*]${DIMENSION}[x×*]${DIMENSION}(?:mm)?$`)

function cleanSize(text: string): string {
  const m = SIZE.exec(toHalfWidth(text).replace(/\s+/g, '').toLowerCase())
  return m ? `${m[1]}×${m[2]}×${m[3]}mm` : collapseSpaces(text)
}

const TEXT_CLEANERS: Record<TextKey, (text: string) => string> = {
  plateNum: cleanPlate,
  vehicleType: collapseSpaces,
  owner: collapseSpaces,
  addr: collapseSpaces,
  useCharacter: collapseSpaces,
  model: collapseSpaces,
  vin: cleanCode,
  engineNum: cleanCode,
  registerDate: cleanDate,
  issueDate: cleanDate,
  record: (text) => collapseSpaces(toHalfWidth(text)),
  overallSize: cleanSize,
}

/** Unit suffix -> factor to the canonical unit (people, kg). */
const PASSENGER_UNITS: Readonly<Record<string, number>> = { '': 1, 人: 1 }
const MASS_UNITS: Readonly<Record<string, number>> = {
  '': 1, kg: 1, '㎏': 1, 公斤: 1, 千克: 1, t: 1000, 吨: 1000,
}

function parseQuantity(value: Scalar, units: Readonly<Record<string, number>>): number | null {
  if (typeof value === 'number') return value
  const m = /^([+-]?\d+(?:\.\d+)?)(.*)$/.exec(toHalfWidth(value).replace(/[\s,，]/g, '').toLowerCase())
  if (m === null || !hasOwn(units, m[2] ?? '')) return null
  const factor = units[m[2] ?? ''] ?? 1
  // Rounding hides float noise such as 0.3 t -> 300.00000000000006.
  const quantity = Math.round(Number(m[1]) * factor * 1e6) / 1e6
  return Number.isFinite(quantity) ? quantity : null
}

const NUMBER_PARSERS: Record<NumericKey, (value: Scalar) => number | null> = {
  passengersNum: (value) => parseQuantity(value, PASSENGER_UNITS),
  totalQuality: (value) => parseQuantity(value, MASS_UNITS),
  prepareQuality: (value) => parseQuantity(value, MASS_UNITS),
}

const isNumericKey = (field: FieldKey): field is NumericKey => hasOwn(NUMBER_PARSERS, field)

export function normalize(raw: unknown): VehicleLicense {
  const license = emptyLicense()
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return license
  const filled = new Set<FieldKey>()
  for (const rawKey of Object.keys(RAW_KEY_MAP)) {
    const field = RAW_KEY_MAP[rawKey]
    if (field === undefined || filled.has(field) || !hasOwn(raw, rawKey)) continue
    const value = scalarOf((raw as Record<string, unknown>)[rawKey])
    if (value === undefined) continue
    if (isNumericKey(field)) {
      const parsed = NUMBER_PARSERS[field](value)
      if (parsed === null) continue
      license[field] = parsed
    } else {
      const cleaned = TEXT_CLEANERS[field](String(value))
      if (cleaned === '') continue
      license[field] = cleaned
    }
    filled.add(field)
  }
  return license
}
