// A glyph of the value may be missing though every glyph read is sure. Such values are flagged
// (confidence capped below LOW_CONFIDENCE), not changed:
// - a name's trailing 一, a flat stroke the detector boxes apart from the name, too low to be
//   recognized (engine: TextBox.smallAfter);
// - a name's doubled first glyph dropped as a leaked copy of the label's (extract.ts).
import type { FieldKey } from '../../src/domain/license'

/** What the box a value ends in says of what follows it on its line. */
export interface ValueEnd {
  /** A detection too low to be recognized starts this far after the box (TextBox.smallAfter). */
  smallAfter?: number
}

/** Confidence ceiling of a value that may miss a glyph (below LOW_CONFIDENCE, 0.85). */
export const MISSING_GLYPH_CEILING = 0.8

/** Fields whose last glyph can go unread without a trace in the text (a name ending in 一). */
const NAME_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['owner'])

/** The end evidence of a recognized box. */
export function valueEnd(box: { smallAfter?: number }): ValueEnd {
  return box.smallAfter !== undefined ? { smallAfter: box.smallAfter } : {}
}

/** True when the value (as cleaned) may lack a glyph at its end. */
export function mayMissTrailingGlyph(field: FieldKey, text: string, end: ValueEnd | undefined): boolean {
  if (!end || !NAME_FIELDS.has(field)) return false
  // A person's name: a company's ends in 公司 and is read whole.
  if (!/^[\u4e00-\u9fff]{1,4}$/.test(text)) return false
  return end.smallAfter !== undefined
}
