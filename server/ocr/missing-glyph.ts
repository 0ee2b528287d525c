// A glyph of the value may be missing though every glyph read is sure. Such values are flagged
// (confidence capped below LOW_CONFIDENCE), not changed:
// - a name's trailing 一, a flat stroke the detector boxes apart from the name, too low to be
//   recognized (engine: TextBox.smallAfter), or does not box at all (ink right after the
//   name's box: TextBox.inkAfter);
// - a name's doubled first glyph dropped as a leaked copy of the label's (extract.ts).
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
