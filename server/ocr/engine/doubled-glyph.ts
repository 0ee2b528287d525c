// CTC merges equal neighbours unless the recognizer puts a blank step between them: a crop
// narrowed for speed (recSqueeze) can read UJJ as UJ or 6665 as 665 with every glyph sure.
// The code of a box that may hide one is read again, not narrowed (TextBox.readWide); a glyph
// doubled in that read only makes the value doubtful (missing-glyph.ts doubledInWideRead).

/**
 * Codes of no fixed length: model codes, sizes, masses (engine numbers are read again by
 * lead-reread.ts). A glyph merged in a VIN, a date or a plate breaks its format, which flags it
 * already. Text with at least 4 code glyphs, half or more of its glyphs.
 */
export function mayHideDoubledGlyph(text: string): boolean {
  const compact = text.replace(/\s+/g, '')
  const glyphs = [...compact]
  const code = glyphs.filter((g) => CODE_GLYPH.test(g)).length
  if (code < 4 || code * 2 < glyphs.length) return false
  return !FIXED_LENGTH.some((format) => format.test(compact))
}

/** Index (code points) of the text's first code glyph; 0 when it has none. */
export function codeStart(text: string): number {
  return Math.max(0, [...text].findIndex((g) => CODE_GLYPH.test(g)))
}

const CODE_GLYPH = /[A-Z0-9]/

/** A VIN's 17 glyphs, a date, a plate: a glyph lost there fails the field's format. */
const FIXED_LENGTH = [/[A-HJ-NPR-Z0-9]{16,17}/, /\d{2,4}[-年.]\d{1,2}[-月.]\d{1,2}/, /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{4,6}$/]
