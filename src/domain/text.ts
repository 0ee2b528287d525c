// Small text helpers shared by normalize() and plate cleaning.

/** Full-width ASCII (ＡＢ１２，) and the ideographic space -> their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
}

/** Trims and collapses runs of whitespace (\s covers U+3000) into one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
