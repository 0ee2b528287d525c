// Numeric settings from environment variables (cloud function 环境变量, local backend env).

/**
 * A non-negative integer setting: unset or blank → `fallback`; "0" means 0 (e.g. recognition
 * switched off), not the default. Anything else that is not a whole number is refused loudly,
 * since a typo would otherwise silently change a limit.
 */
export function nonNegativeIntSetting(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback
  const text = raw.trim()
  if (!/^\d+$/.test(text)) throw new RangeError(`${name} must be a whole number ≥ 0, got "${raw}"`)
  return Number(text)
}
