// A glyph of the value may be missing though every glyph read is sure. Such values are flagged
// (confidence capped below LOW_CONFIDENCE), not changed:
// - a name's trailing 一, a flat stroke the detector boxes apart from the name, too low to be
//   recognized (engine: TextBox.smallAfter), or does not box at all (ink right after the
//   name's box: TextBox.inkAfter);
// - a name's doubled first glyph dropped as a leaked copy of the label's (extract.ts);
// - a code's leading glyph the detector left out of its box (under the seal's ring: JPN229262
//   boxed as PN229262), seen when the box is read again extended back (TextBox.readLeft) or as
//   a detection read as nothing right before it (TextBox.unreadBefore);
// - code glyphs the value's pattern cut off the text read (S/849928 → 849928);
// - a doubled glyph the narrowed main read merged, which the code read again not narrowed has
//   twice (TextBox.readWide or readLeft: 6665 read 665);
// - a glyph the recognizer skipped in a short box, wider than what it read (a wrapped address's
//   second line boxed as 1室, read 室: 1111室 → 111室).
import type { FieldKey } from '../../src/domain/license'

/** What the box a value ends in says of what follows it on its line. */
export interface ValueEnd {
  /** A detection too low to be recognized starts this far after the box (TextBox.smallAfter). */
  smallAfter?: number
  /** Longest run of ink columns within a box height after the box, in box heights (TextBox.inkAfter). */
  inkAfter?: number
}

/**
 * Ink after a name at least this long (box heights) is a glyph left out. Measured: names whose
 * 一 went unread 0.42-0.88 (one without a small detection: 0.71, 0.88); right names 0 on 147
 * of three natural sets, at most 0.17 on 33 of a set of names ending in 一 or doubled.
 */
export const INK_AFTER_MIN = 0.3

/** Confidence ceiling of a value that may miss a glyph (below LOW_CONFIDENCE, 0.85). */
export const MISSING_GLYPH_CEILING = 0.8

/** Fields whose last glyph can go unread without a trace in the text (a name ending in 一). */
const NAME_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['owner'])

/** The end evidence of a recognized box. */
export function valueEnd(box: { smallAfter?: number; inkAfter?: number }): ValueEnd {
  return {
    ...(box.smallAfter !== undefined ? { smallAfter: box.smallAfter } : {}),
    ...(box.inkAfter !== undefined ? { inkAfter: box.inkAfter } : {}),
  }
}

/** True when the value (as cleaned) may lack a glyph at its end. */
export function mayMissTrailingGlyph(field: FieldKey, text: string, end: ValueEnd | undefined): boolean {
  if (!end || !NAME_FIELDS.has(field)) return false
  // A person's name: a company's ends in 公司 and is read whole.
  if (!/^[\u4e00-\u9fff]{1,4}$/.test(text)) return false
  return end.smallAfter !== undefined || (end.inkAfter ?? 0) >= INK_AFTER_MIN
}

/** Printed width of a glyph in text heights: a Chinese glyph is square, digits and Latin half as wide. */
const glyphWidth = (g: string): number => (/[\u3400-\u9fff]/.test(g) ? 1 : 0.55)

/**
 * How much longer a box is than the glyphs read in it, in text heights (box length / height −
 * their widths). Only short boxes: in long ones spacing varies more than one glyph.
 */
export function shortBoxSlack(text: string, w: number, h: number): number | undefined {
  const glyphs = [...text.replace(/\s+/g, '')]
  if (glyphs.length === 0 || glyphs.length > SHORT_BOX_GLYPHS || h <= 0) return undefined
  return w / h - glyphs.reduce((sum, g) => sum + glyphWidth(g), 0)
}

const SHORT_BOX_GLYPHS = 3
/**
 * Slack of a value's last short box that is an unread glyph (a digit is 0.55). Measured on the
 * addresses' short last boxes (…室) of seeds 968137, 555 and 101: right ones at most 0.14, the
 * one read without its 1 (box 1室, read 室) 0.44.
 */
export const SHORT_BOX_SLACK_MIN = 0.3

/** True when an address ends in a short box too long for the glyphs read in it. */
export function mayMissGlyphInShortEnd(field: FieldKey, slack: number | undefined): boolean {
  return field === 'addr' && slack !== undefined && slack >= SHORT_BOX_SLACK_MIN
}

/** What is seen before the box a code value starts in (engine/lead-reread.ts). */
export interface ValueStart {
  /** Glyphs read before the box's text when the box is read again extended back (from TextBox.readLeft). */
  readBefore?: string
  /** A detection read as nothing ends this far before the box, in box heights (TextBox.unreadBefore). */
  unreadBefore?: number
}

/** The start evidence of a recognized box. */
export function valueStart(box: { text: string; readLeft?: string; unreadBefore?: number }): ValueStart {
  const text = box.text.trim()
  const reread = box.readLeft?.trim()
  const readBefore = reread !== undefined && reread.endsWith(text) ? reread.slice(0, reread.length - text.length).trim() : undefined
  return {
    ...(readBefore ? { readBefore } : {}),
    ...(box.unreadBefore !== undefined ? { unreadBefore: box.unreadBefore } : {}),
  }
}

/** Fields whose first glyph can go unread without a trace: a code of no fixed length. */
const LEAD_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['engineNum'])

/** An unread detection this close before a code (box heights; negative overlaps) may be its first glyph. */
export const UNREAD_BEFORE_MAX = 0.2

/** True when a code value may lack its first glyph(s). */
export function mayMissLeadingGlyph(field: FieldKey, start: ValueStart | undefined): boolean {
  if (!start || !LEAD_FIELDS.has(field)) return false
  return /^[A-Z0-9]{1,2}$/.test(start.readBefore ?? '') || (start.unreadBefore !== undefined && start.unreadBefore <= UNREAD_BEFORE_MAX)
}

/**
 * True when an engine number's cleaning cut code glyphs off the text read for it: the
 * recognizer read a glyph as punctuation and the value's pattern kept only one side of it
 * (SV849928 read S/849928, kept 849928).
 */
export function mayMissCutGlyph(field: FieldKey, raw: string, text: string): boolean {
  if (!LEAD_FIELDS.has(field)) return false
  const codeGlyphs = (t: string): number => (t.match(/[A-Z0-9]/g) ?? []).length
  return codeGlyphs(raw) > codeGlyphs(text)
}

/**
 * Per glyph of `text`, 1 where the box read again less narrowed (TextBox.readWide, or readLeft
 * for a code read again extended back) has that glyph twice in a row: CTC may have merged a
 * doubled glyph in the main read (6665 read 665). The reads are compared from their ends: the
 * re-read may cover only the box's code (readWide) or reach before the box (readLeft), and
 * may read a stroke at its start edge as a glyph. Undefined when the first difference from the
 * end is not such a repeat, or there is none.
 */
export function doubledInWideRead(text: string, wide: string | undefined): number[] | undefined {
  if (wide === undefined) return undefined
  const t = [...text]
  const w = [...wide]
  let i = t.length - 1
  let j = w.length - 1
  while (i >= 0 && j >= 0 && t[i] === w[j]) {
    i--
    j--
  }
  // w[j] is the re-read's extra glyph. Walking from the end has matched the later copy of a
  // doubled glyph already, so the extra one repeats the glyph after it: t[i + 1].
  if (j < 0 || j + 1 >= w.length || w[j] !== w[j + 1]) return undefined
  // Before it the reads agree again, unless the re-read starts there or the main read's glyph
  // there is no code glyph (a label or brand the re-read did not cover): S0006845 against
  // SO006845 is a 0/O read differently, not a doubled 0.
  if (j > 0 && i >= 0 && w[j - 1] !== t[i] && CODE_GLYPH.test(t[i]!)) return undefined
  return t.map((_, k) => (k === i + 1 ? 1 : 0))
}

const CODE_GLYPH = /[A-Z0-9]/

/** True when a glyph of the value was read twice in a row by the less narrowed read. */
export function mayMissDoubledGlyph(doubled: readonly (number | null)[]): boolean {
  return doubled.some((d) => d === 1)
}
