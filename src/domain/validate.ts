// Domain checks on a license. Reports issues per field; never changes a value.
import { isIsoDate, toIsoDate, todayInChina } from './date'
import { FIELD_LABELS, type FieldKey, type VehicleLicense } from './license'
import { classifyPlate, cleanPlate } from './plate'
import { isVinWellFormed, suggestVinFixes, vinCheckDigit, vinCheckDigitValid } from './vin'

export interface FieldIssue {
  field: FieldKey
  code: string
  level: 'error' | 'warning'
  /** Chinese, shown under the field */
  message: string
  /** A corrected value the user can accept with one tap */
  suggestion?: string
}

export type IssueCode =
  | 'REQUIRED'
  | 'PLATE_FORMAT'
  | 'VIN_LENGTH'
  | 'VIN_CHARS'
  | 'VIN_CHECK_DIGIT'
  | 'DATE_INVALID'
  | 'DATE_FUTURE'
  | 'DATE_ORDER'
  | 'PASSENGERS_RANGE'
  | 'MASS_INVALID'
  | 'MASS_ORDER'

export const REQUIRED_FIELDS: readonly FieldKey[] = [
  'plateNum',
  'vehicleType',
  'owner',
  'vin',
  'engineNum',
  'registerDate',
  'issueDate',
]

/** Heavier than any road vehicle allowed in China (49 t); beyond this it is a misread. */
export const MAX_MASS_KG = 100000

export interface ValidateOptions {
  /** ISO yyyy-mm-dd; defaults to today in China */
  today?: string
}

function issue(
  field: FieldKey,
  code: IssueCode,
  level: FieldIssue['level'],
  message: string,
  suggestion?: string,
): FieldIssue {
  const base: FieldIssue = { field, code, level, message }
  return suggestion === undefined ? base : { ...base, suggestion }
}

/** The single OCR fix that makes the VIN valid, if there is exactly one. */
function vinSuggestion(vin: string): string | undefined {
  const fixes = suggestVinFixes(vin)
  return fixes.length === 1 ? fixes[0] : undefined
}

function checkPlate(plate: string): FieldIssue[] {
  const cleaned = cleanPlate(plate)
  if (classifyPlate(cleaned) === null) {
    return [issue('plateNum', 'PLATE_FORMAT', 'error', '号牌号码格式不正确')]
  }
  if (cleaned !== plate) {
    return [issue('plateNum', 'PLATE_FORMAT', 'error', '号牌号码含有空格、分隔符或小写字母', cleaned)]
  }
  return []
}

function checkVin(vin: string): FieldIssue[] {
  if (vin.length !== 17) {
    return [issue('vin', 'VIN_LENGTH', 'error', `车辆识别代号应为17位，当前为${vin.length}位`)]
  }
  if (!isVinWellFormed(vin)) {
    const message = '车辆识别代号只能包含数字和大写字母（不含 I、O、Q）'
    return [issue('vin', 'VIN_CHARS', 'error', message, vinSuggestion(vin))]
  }
  if (!vinCheckDigitValid(vin)) {
    const message = `车辆识别代号校验位不符（第9位应为 ${vinCheckDigit(vin) ?? '?'}），可能识别有误`
    return [issue('vin', 'VIN_CHECK_DIGIT', 'error', message, vinSuggestion(vin))]
  }
  return []
}

function checkDate(field: 'registerDate' | 'issueDate', value: string, today: string): FieldIssue[] {
  const label = FIELD_LABELS[field]
  if (!isIsoDate(value)) {
    const parsed = toIsoDate(value)
    const message = `${label}不是有效日期，格式应为 2018-07-06`
    return [issue(field, 'DATE_INVALID', 'error', message, parsed ?? undefined)]
  }
  if (value > today) return [issue(field, 'DATE_FUTURE', 'error', `${label}晚于今天`)]
  return []
}

function checkMass(field: 'totalQuality' | 'prepareQuality', mass: number | null): FieldIssue[] {
  if (mass === null || (Number.isFinite(mass) && mass > 0 && mass <= MAX_MASS_KG)) return []
  const message = `${FIELD_LABELS[field]}应为大于 0 且不超过 ${MAX_MASS_KG} 的数值`
  return [issue(field, 'MASS_INVALID', 'error', message)]
}

const isBlank = (value: string | number | null): boolean =>
  value === null || (typeof value === 'string' && value.trim() === '')

export function validate(license: VehicleLicense, opts: ValidateOptions = {}): FieldIssue[] {
  const today = opts.today ?? todayInChina()
  const issues: FieldIssue[] = []
  // Trailers have no engine, so their licenses carry no engine number.
  const required = classifyPlate(license.plateNum) === 'trailer'
    ? REQUIRED_FIELDS.filter((f) => f !== 'engineNum')
    : REQUIRED_FIELDS
  for (const field of required) {
    if (isBlank(license[field])) issues.push(issue(field, 'REQUIRED', 'error', `请填写${FIELD_LABELS[field]}`))
  }

  if (!isBlank(license.plateNum)) issues.push(...checkPlate(license.plateNum))
  if (!isBlank(license.vin)) issues.push(...checkVin(license.vin))

  const { registerDate, issueDate } = license
  if (!isBlank(registerDate)) issues.push(...checkDate('registerDate', registerDate, today))
  if (!isBlank(issueDate)) issues.push(...checkDate('issueDate', issueDate, today))
  if (isIsoDate(registerDate) && isIsoDate(issueDate) && registerDate > issueDate) {
    issues.push(issue('registerDate', 'DATE_ORDER', 'warning', '注册日期晚于发证日期，请核对'))
  }

  const passengers = license.passengersNum
  if (passengers !== null && !(Number.isInteger(passengers) && passengers >= 1 && passengers <= 99)) {
    issues.push(issue('passengersNum', 'PASSENGERS_RANGE', 'error', '核定载人数应为 1 到 99 之间的整数'))
  }

  const { totalQuality, prepareQuality } = license
  const massIssues = checkMass('totalQuality', totalQuality).concat(checkMass('prepareQuality', prepareQuality))
  issues.push(...massIssues)
  const bothMasses = massIssues.length === 0 && totalQuality !== null && prepareQuality !== null
  if (bothMasses && prepareQuality > totalQuality) {
    issues.push(issue('prepareQuality', 'MASS_ORDER', 'error', '整备质量大于总质量，请核对'))
  }
  return issues
}

export function issuesByField(issues: readonly FieldIssue[]): Partial<Record<FieldKey, FieldIssue[]>> {
  const byField: Partial<Record<FieldKey, FieldIssue[]>> = {}
  for (const item of issues) {
    const list = byField[item.field] ?? []
    list.push(item)
    byField[item.field] = list
  }
  return byField
}

export function hasErrors(issues: readonly FieldIssue[]): boolean {
  return issues.some((item) => item.level === 'error')
}
