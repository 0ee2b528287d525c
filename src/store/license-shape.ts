// Shape checks for data read back from storage or the network: a stale or hand-edited cache must
// degrade to defaults, never crash a page.
import { FIELD_KEYS, NUMERIC_FIELDS, emptyLicense, type VehicleLicense } from '../domain/license'

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A full license from a stored object: known fields of the right type kept, the rest defaulted. */
export function toLicense(value: unknown): VehicleLicense | null {
  if (!isObject(value)) return null
  const license = emptyLicense()
  const target = license as unknown as Record<string, unknown>
  for (const key of FIELD_KEYS) {
    const field = value[key]
    if (NUMERIC_FIELDS.includes(key)) {
      if (typeof field === 'number' && Number.isFinite(field)) target[key] = field
    } else if (typeof field === 'string') {
      target[key] = field
    }
  }
  return license
}

export function sameLicense(a: VehicleLicense, b: VehicleLicense): boolean {
  return FIELD_KEYS.every((key) => a[key] === b[key])
}
