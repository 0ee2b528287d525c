// Chinese plate formats (GA 36-2018). Serial characters never use I or O.
import { toHalfWidth } from './text'

export type PlateKind =
  | 'ordinary'
  | 'newEnergySmall'
  | 'newEnergyLarge'
  | 'trailer'
  | 'coach'
  | 'police'
  | 'hongKong'
  | 'macau'
  | 'embassy'
  | 'consulate'

export const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'

const P = `[${PROVINCES}]`
/** Issuing-authority letter and serial characters: A-Z without I/O, plus digits. */
const L = '[A-HJ-NP-Z]'
const S = '[A-HJ-NP-Z0-9]'
/**
 * Small new-energy plates start the serial with D (electric) / F (other); once a city
 * runs out, A B C E (electric) and G H J K (other) follow.
 */
const NE_SMALL = '[A-HJK]'

// Order matters only for readability: the patterns are mutually exclusive.
const PATTERNS: ReadonlyArray<readonly [PlateKind, RegExp]> = [
  ['ordinary', new RegExp(`^${P}${L}${S}{5}$`)],
  ['newEnergySmall', new RegExp(`^${P}${L}${NE_SMALL}${S}[0-9]{4}$`)],
  ['newEnergyLarge', new RegExp(`^${P}${L}[0-9]{5}[DF]$`)],
  ['trailer', new RegExp(`^${P}${L}${S}{4}挂$`)],
  ['coach', new RegExp(`^${P}${L}${S}{4}学$`)],
  ['police', new RegExp(`^${P}${L}${S}{4}警$`)],
  ['hongKong', new RegExp(`^粤Z${S}{4}港$`)],
  ['macau', new RegExp(`^粤Z${S}{4}澳$`)],
  ['embassy', /^(使[0-9]{6}|[0-9]{6}使)$/],
  ['consulate', new RegExp(`^${P}${L}${S}{4}领$`)],
]

/** Removes what OCR and people add to a plate: spaces, middle dots, full-width or lower case. */
export function cleanPlate(plate: string): string {
  return toHalfWidth(plate).replace(/[\s·•・.\-]/g, '').toUpperCase()
}

export function classifyPlate(plate: string): PlateKind | null {
  const cleaned = cleanPlate(plate)
  for (const [kind, pattern] of PATTERNS) {
    if (pattern.test(cleaned)) return kind
  }
  return null
}
