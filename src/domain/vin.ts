// VIN check digit (ISO 3779 / 49 CFR 565; GB 16735 makes position 9 mandatory in China).

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

const LETTER_VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
}

const WELL_FORMED = /^[A-HJ-NPR-Z0-9]{17}$/
const WELL_FORMED_CHAR = /^[A-HJ-NPR-Z0-9]$/

/** OCR misreads of characters that a VIN never contains (I, O, Q). */
export const VIN_OCR_CONFUSIONS: Readonly<Record<string, readonly string[]>> = {
  O: ['0'],
  Q: ['0'],
  I: ['1'],
}

/** Bounds the combinations tried, so a garbage string cannot blow up. */
const MAX_CANDIDATES = 1024

export function isVinWellFormed(vin: string): boolean {
  return WELL_FORMED.test(vin)
}

/** The check character position 9 should hold, or null if the VIN is not well formed. */
export function vinCheckDigit(vin: string): string | null {
  if (!isVinWellFormed(vin)) return null
  let sum = 0
  WEIGHTS.forEach((weight, i) => {
    const c = vin.charAt(i)
    sum += weight * (c >= '0' && c <= '9' ? Number(c) : (LETTER_VALUES[c] ?? 0))
  })
  const rest = sum % 11
  return rest === 10 ? 'X' : String(rest)
}

export function vinCheckDigitValid(vin: string): boolean {
  const expected = vinCheckDigit(vin)
  return expected !== null && vin.charAt(8) === expected
}

/**
 * Corrected VINs obtained by replacing OCR confusions (O->0, Q->0, I->1, in any
 * combination) that pass the check digit; lower case is upper-cased. Empty when the VIN
 * is already valid or nothing fits. Sorted, without duplicates.
 */
export function suggestVinFixes(vin: string): string[] {
  const upper = vin.toUpperCase()
  if (upper.length !== 17 || vinCheckDigitValid(vin)) return []
  let candidates = ['']
  for (const c of upper.split('')) {
    const options = (WELL_FORMED_CHAR.test(c) ? [c] : []).concat(VIN_OCR_CONFUSIONS[c] ?? [])
    if (options.length === 0) return []
    const next: string[] = []
    for (const prefix of candidates) for (const o of options) next.push(prefix + o)
    if (next.length > MAX_CANDIDATES) return []
    candidates = next
  }
  return Array.from(new Set(candidates.filter(vinCheckDigitValid))).sort()
}
