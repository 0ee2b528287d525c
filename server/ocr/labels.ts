// Printed labels of the license's two pages, with the OCR misreadings seen for them.
import type { FieldKey } from '../../src/domain/license'

export type LicensePage = 'front' | 'back'

export interface LabelSpec {
  text: string
  /** Canonical field the label's value fills; null for labels we only need as boundaries. */
  field: FieldKey | null
  /** 'both' labels (号牌号码) do not tell the pages apart. */
  page: LicensePage | 'both'
  /** Misreadings and older wordings accepted as this label (compared exactly). */
  variants: readonly string[]
}

export const LABELS: readonly LabelSpec[] = [
  { text: '号牌号码', field: 'plateNum', page: 'both', variants: ['号码号牌', '号牌号玛', '号牌号吗', '车牌号码'] },
  { text: '车辆类型', field: 'vehicleType', page: 'front', variants: ['车辆类形', '车辆类別'] },
  { text: '所有人', field: 'owner', page: 'front', variants: ['所有入', '所有八', '所友人', '听有人', '所有', '有人'] },
  { text: '住址', field: 'addr', page: 'front', variants: ['往址', '住扯', '佳址', '住趾', '住地址'] },
  { text: '使用性质', field: 'useCharacter', page: 'front', variants: ['使用性貭', '便用性质'] },
  { text: '品牌型号', field: 'model', page: 'front', variants: ['品牌型弓', '品脾型号'] },
  { text: '车辆识别代号', field: 'vin', page: 'front', variants: ['车辆识别代码', '车架号'] },
  { text: '发动机号码', field: 'engineNum', page: 'front', variants: ['发动机号', '发动机号玛'] },
  { text: '注册日期', field: 'registerDate', page: 'front', variants: ['注册日朔', '注册曰期', '注删日期'] },
  { text: '发证日期', field: 'issueDate', page: 'front', variants: ['发证日朔', '发证曰期', '发正日期'] },
  { text: '档案编号', field: 'record', page: 'back', variants: ['档案编弓', '挡案编号', '档桉编号'] },
  { text: '核定载人数', field: 'passengersNum', page: 'back', variants: ['核定戴人数', '核定载入数'] },
  { text: '总质量', field: 'totalQuality', page: 'back', variants: ['总质重', '总质量(kg)', '总貭量'] },
  { text: '整备质量', field: 'prepareQuality', page: 'back', variants: ['整备质重', '整备质量(kg)', '整各质量'] },
  { text: '核定载质量', field: null, page: 'back', variants: ['核定载质重', '核定戴质量'] },
  { text: '外廓尺寸', field: 'overallSize', page: 'back', variants: ['外廊尺寸', '外郭尺寸', '外廓尺吋'] },
  { text: '准牵引总质量', field: null, page: 'back', variants: ['准牵引总质重'] },
  { text: '备注', field: null, page: 'back', variants: [] },
  { text: '检验记录', field: null, page: 'back', variants: ['检验纪录'] },
]

/** Labels whose absence means part of the page is missing (cut off, covered, unreadable). */
export const EXPECTED_LABELS: Readonly<Record<LicensePage, readonly string[]>> = {
  front: LABELS.filter((l) => l.page !== 'back' && l.field !== null).map((l) => l.text),
  back: ['号牌号码', '档案编号', '核定载人数', '总质量', '整备质量', '外廓尺寸'],
}

/**
 * Rows with two labels: the right label -> the left one. When the left label is unreadable
 * (the seal sits on it), the value just left of the right label is the left label's value.
 */
export const ROW_PARTNERS: Readonly<Record<string, string>> = {
  车辆类型: '号牌号码',
  品牌型号: '使用性质',
  发证日期: '注册日期',
  档案编号: '号牌号码',
  总质量: '核定载人数',
  核定载质量: '整备质量',
  准牵引总质量: '外廓尺寸',
}

/**
 * Front-page rows with a single label -> the labels of the rows above and below. A label lost
 * under the seal leaves its value between those rows, in the value column.
 */
export const ROW_NEIGHBOURS: Readonly<Record<string, readonly [above: string, below: string]>> = {
  所有人: ['号牌号码', '住址'],
  住址: ['所有人', '使用性质'],
  车辆识别代号: ['使用性质', '发动机号码'],
  发动机号码: ['车辆识别代号', '注册日期'],
}

/** The card title; seeing it confirms a license even with few labels read. */
export const TITLE_PATTERN = /行驶证|机动车行|VehicleLicense/i

/** Small English captions printed under the labels ("Plate No.", "Owner", ...): never values. */
export const CAPTION_PATTERN = /^[A-Za-z][A-Za-z .'’,:()-]{2,}$/

export interface LabelMatch {
  spec: LabelSpec
  /** Characters of the text the label took (a variant may differ in length). */
  consumed: number
  /** Edit distance to the label (0 = exact or listed variant). */
  distance: number
  /** The text read is the label itself, not a variant or a fuzzy match. */
  canonical: boolean
}

/**
 * Edits tolerated at the start of a box: none for 2-glyph labels, one for 3-5 glyphs (3-glyph
 * labels must keep both end glyphs: 总銀质量, 所東有人), two from 7.
 */
const allowedEdits = (length: number): number => (length >= 3 ? Math.max(1, Math.floor((length - 1) / 3)) : 0)

/** Best label at the start of `text` (already without spaces), or null. Longer labels win ties. */
export function matchLabelAt(text: string): LabelMatch | null {
  let best: LabelMatch | null = null
  // Fewer edits, then the longer label, then a length closest to the label's own.
  const better = (m: LabelMatch): boolean => {
    if (best === null || m.distance !== best.distance) return best === null || m.distance < best.distance
    if (m.spec.text.length !== best.spec.text.length) return m.spec.text.length > best.spec.text.length
    return Math.abs(m.consumed - m.spec.text.length) < Math.abs(best.consumed - best.spec.text.length)
  }
  for (const spec of LABELS) {
    for (const form of [spec.text, ...spec.variants]) {
      if (text.startsWith(form)) {
        const m = { spec, consumed: form.length, distance: 0, canonical: form === spec.text }
        if (better(m)) best = m
      }
    }
    const budget = allowedEdits(spec.text.length)
    if (budget === 0) continue
    // A misread label may also have lost or gained a character.
    for (let n = spec.text.length - budget; n <= spec.text.length + budget; n++) {
      if (n > text.length) break
      const distance = editDistance(spec.text, text.slice(0, n))
      if (distance > budget) continue
      // The first or the last character must survive (for short labels both): a fuzzy hit on
      // neither end is noise.
      const prefix = text.slice(0, n)
      const firstKept = prefix[0] === spec.text[0]
      const lastKept = prefix[n - 1] === spec.text[spec.text.length - 1]
      if (spec.text.length <= 3 ? !(firstKept && lastKept) : !(firstKept || lastKept)) continue
      const m = { spec, consumed: n, distance, canonical: distance === 0 }
      if (better(m)) best = m
    }
  }
  return best
}

/** Exact labels (3+ characters) inside a text, left to right, longest first at each position. */
export function findLabelsInside(text: string): { index: number; match: LabelMatch }[] {
  const found: { index: number; match: LabelMatch }[] = []
  for (let i = 1; i < text.length; i++) {
    let hit: LabelMatch | null = null
    for (const spec of LABELS) {
      for (const form of [spec.text, ...spec.variants]) {
        if (form.length < 3 || !text.startsWith(form, i)) continue
        if (hit === null || form.length > hit.consumed) {
          hit = { spec, consumed: form.length, distance: 0, canonical: form === spec.text }
        }
      }
    }
    if (hit) {
      found.push({ index: i, match: hit })
      i += hit.consumed - 1
    }
  }
  return found
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}
