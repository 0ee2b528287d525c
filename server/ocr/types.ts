// Shapes shared by the OCR engine, the field extractor and the provider.

export type Point = readonly [x: number, y: number]

/**
 * A text box as four corners in reading order: top-left, top-right, bottom-right,
 * bottom-left of the text (image pixel coordinates).
 */
export type Quad = readonly [Point, Point, Point, Point]

/** One detected text box with its recognized text: the unit the extractor works on. */
export interface TextBox {
  text: string
  /** Mean per-character recognition probability in [0, 1]. */
  score: number
  /** Recognition probability of each character of `text` (code points), when known. */
  chars?: readonly number[]
  /** Printed size of each 0/O in a code against the 0 the box's digits predict (engine/zero-o.ts; 0: not a 0/O, -1: not measurable). */
  zeroO?: readonly number[]
  /**
   * A detection too small to be recognized (lower than the line's boxes) starting this far
   * beyond the box's end on its line, in box heights: maybe a glyph of the value (a trailing 一).
   */
  smallAfter?: number
  /** Longest run of ink columns within one box height past the box's end, in box heights (names only). */
  inkAfter?: number
  /** A code's box read again extended back towards its left neighbour, when that reads differently (engine/lead-reread.ts). */
  readLeft?: string
  /** The box's code (from its first code glyph) read again not narrowed, when that reads differently (engine/doubled-glyph.ts). */
  readWide?: string
  /** A box detected but read as nothing ends this far before a code's box on its line, in box heights (engine/lead-reread.ts). */
  unreadBefore?: number
  quad: Quad
}

/** 8-bit RGB pixels, 3 bytes per pixel, row-major, no padding. */
export interface RgbImage {
  data: Uint8Array
  width: number
  height: number
}
