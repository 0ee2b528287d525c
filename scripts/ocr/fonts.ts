// CJK fonts installed on this machine (fontconfig), split into form and printer styles.
import { execFileSync } from 'node:child_process'
import type { CardFonts } from './license-svg'

const FORM_FONTS = ['Noto Serif CJK SC', 'AR PL UMing CN', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei']
const VALUE_FONTS = [
  'Noto Sans Mono CJK SC',
  'Noto Sans CJK SC',
  'WenQuanYi Micro Hei Mono',
  'WenQuanYi Micro Hei',
  'WenQuanYi Zen Hei',
  'Noto Serif CJK SC',
  'AR PL UMing CN',
]

export interface FontChoice {
  form: readonly string[]
  value: readonly string[]
}

/** Families available among the preferred ones; throws with a hint when none are. */
export function installedCardFonts(): FontChoice {
  let listing = ''
  try {
    listing = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  } catch {
    // fontconfig missing: fall through to the error below.
  }
  const families = new Set(listing.split('\n').flatMap((line) => line.split(',').map((f) => f.trim())))
  const form = FORM_FONTS.filter((f) => families.has(f))
  const value = VALUE_FONTS.filter((f) => families.has(f))
  if (form.length === 0 || value.length === 0) {
    throw new Error('No CJK fonts found; install them first, e.g. apt-get install -y fonts-noto-cjk')
  }
  return { form, value }
}

export function pickFonts(choice: FontChoice, pick: <T>(items: readonly T[]) => T): CardFonts {
  return { form: pick(choice.form), value: pick(choice.value) }
}
