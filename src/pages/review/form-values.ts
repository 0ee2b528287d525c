// Text shown in the form ⇄ typed license values.
import { NUMERIC_FIELDS, type FieldKey, type VehicleLicense } from '../../domain/license'

export function displayValue(license: VehicleLicense, field: FieldKey): string {
  const value = license[field]
  return value === null || value === undefined ? '' : String(value)
}

/** Numeric fields: '' → null, digits → number, anything else kept as NaN-free null-or-number. */
export function parseInput(field: FieldKey, text: string): VehicleLicense[FieldKey] {
  if (!NUMERIC_FIELDS.includes(field)) return text
  const trimmed = text.trim()
  if (trimmed === '') return null
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : null
}
