// Finding labels among the pieces: at the start of a box (fuzzy), spread over several boxes
// (justified labels such as 所 有 人 come out one glyph per box), or glued inside a box.
import { charBoundaries, place, spanAlong, subQuad } from './geometry-frame'
import { findLabelsInside, matchLabelAt, type LabelMatch, type LabelSpec } from './labels'
import { compact, LABEL_CHAR_GAP, nextOnLine, onSameLine, type Piece } from './pieces'

/** Label pieces and the value pieces left around them, in reading order. */
export function findLabelPieces(items: Piece[]): Piece[] {
  return dropShadowedTails(splitInsideLabels(assembleLabels(items)))
}

/**
 * Finds labels that start a box, possibly continuing over the next boxes of the line
 * (justified labels), and splits a trailing value off the box where the label ends.
 */
function assembleLabels(items: Piece[]): Piece[] {
  const consumed = new Set<Piece>()
  const out: Piece[] = []
  for (const first of items) {
    if (consumed.has(first) || first.kind === 'noise') continue
    const chain: Piece[] = [first]
    let text = compact(first.text)
    while (text.length < 6 && chain.length < 6) {
      const next = nextOnLine(chain[chain.length - 1]!, items.filter((p) => !consumed.has(p) && !chain.includes(p)), LABEL_CHAR_GAP)
      if (next === null || compact(next.text).length === 0) break
      chain.push(next)
      text += compact(next.text)
    }
    // A glyph cut by a box boundary can be read in both boxes (总质 | 质量): labels never
    // repeat a character, so a box starting with the previous box's last character skips it.
    const texts = chain.map((p) => compact(p.text))
    const skipped = texts.map((t, k) => (k > 0 && t.length > 1 && t[0] === texts[k - 1]!.slice(-1) ? 1 : 0))
    // Try every chain length; fewer edits win, then the shorter chain.
    let best: { match: LabelMatch; boxes: number } | null = null
    let prefix = ''
    for (let k = 0; k < chain.length; k++) {
      const own = texts[k]!.slice(skipped[k])
      prefix += own
      const match = matchLabelAt(prefix)
      if (match === null) continue
      // The label must reach into the last box of this chain, or a shorter chain says the same.
      if (match.consumed <= prefix.length - own.length) continue
      // Fewer edits win; at equal edits the printed form beats a variant (发动机号 + 码).
      if (best === null || match.distance < best.match.distance || (match.distance === best.match.distance && match.canonical && !best.match.canonical)) {
        best = { match, boxes: k + 1 }
      }
    }
    if (best === null) continue
    const parts = chain.slice(0, best.boxes)
    const charsIn = (k: number): number => texts[k]!.length - skipped[k]!
    let labelChars = best.match.consumed
    // A label read without its last character (所有 + 人 misread as 和) leaves that character as
    // a one-glyph box right after it, before the value: it belongs to the label.
    const after = chain[best.boxes]
    if (
      best.match.spec.text.length - best.match.consumed === 1 &&
      labelChars === parts.reduce((n, _, k) => n + charsIn(k), 0) &&
      after !== undefined &&
      texts[best.boxes]!.length === 1 &&
      chain.length > best.boxes + 1
    ) {
      parts.push(after)
      labelChars++
    }
    parts.forEach((p) => consumed.add(p))
    const lastIndex = parts.length - 1
    const last = parts[lastIndex]!
    const before = parts.slice(0, -1).reduce((n, _, k) => n + charsIn(k), 0)
    const split = splitPiece(last, labelChars - before + skipped[lastIndex]!)
    const quad = parts.length === 1 ? split.head.quad : [parts[0]!.quad[0], split.head.quad[1], split.head.quad[2], parts[0]!.quad[3]] as const
    const score = Math.min(...parts.map((p) => p.score))
    out.push({ ...place(quad, Math.atan2(first.uy, first.ux), parts.length > 1), kind: 'label', text: best.match.spec.text, score, match: best.match })
    if (split.tail) out.push(split.tail)
  }
  for (const item of items) if (!consumed.has(item)) out.push(item)
  return out
}

/** Splits a piece after `count` non-space characters; the tail loses leading separators. */
function splitPiece(piece: Piece, count: number): { head: Piece; tail: Piece | null } {
  const glyphs = [...piece.text]
  let seen = 0
  let cut = 0
  while (cut < glyphs.length && seen < count) {
    if (!/\s/.test(glyphs[cut]!)) seen++
    cut++
  }
  const bounds = charBoundaries(piece.text)
  const skew = Math.atan2(piece.uy, piece.ux)
  const headQuad = subQuad(piece.quad, 0, bounds[cut]!)
  const chars = piece.chars && piece.chars.length === glyphs.length ? piece.chars : undefined
  const zeroO = piece.zeroO && piece.zeroO.length === glyphs.length ? piece.zeroO : undefined
  const head: Piece = { ...piece, ...place(headQuad, skew), text: glyphs.slice(0, cut).join(''), chars: chars?.slice(0, cut), zeroO: zeroO?.slice(0, cut), doubled: piece.doubled?.slice(0, cut) }
  const rest = glyphs.slice(cut).join('')
  const trimmed = rest.replace(/^[\s:：;；,，.。·、|]+/, '')
  if (trimmed === '') return { head, tail: null }
  const skip = [...rest].length - [...trimmed].length
  const start = bounds[cut + skip]!
  const tail: Piece = { ...piece, ...place(subQuad(piece.quad, start, 1), skew), kind: 'value', text: trimmed, chars: chars?.slice(cut + skip), zeroO: zeroO?.slice(cut + skip), doubled: piece.doubled?.slice(cut + skip), match: undefined, tail: true }
  return { head, tail }
}

/** Splits value pieces that contain a label glued to other text ("粤B12345车辆类型小型轿车"). */
function splitInsideLabels(pieces: Piece[]): Piece[] {
  const out: Piece[] = []
  for (const piece of pieces) {
    if (piece.kind !== 'value') {
      out.push(piece)
      continue
    }
    let rest: Piece | null = piece
    while (rest !== null) {
      const hits = findLabelsInside(compact(rest.text))
      const hit = hits[0]
      if (hit === undefined) {
        out.push(rest)
        break
      }
      const { head: before, tail: fromLabel } = splitPiece(rest, hit.index)
      out.push(before)
      if (fromLabel === null) break
      const { head: label, tail: after } = splitPiece(fromLabel, hit.match.consumed)
      out.push({ ...label, kind: 'label', text: hit.match.spec.text, match: hit.match })
      rest = after
    }
  }
  return out
}

/**
 * A label box often swallows the first glyph of its value ("外廓尺寸3") while the value's own
 * box holds it too ("3860×1664×1895mm"): a short tail lying mostly inside another value box
 * on its line is that duplicate and goes.
 */
function dropShadowedTails(pieces: Piece[]): Piece[] {
  return pieces.filter((tail) => {
    if (!tail.tail || tail.kind !== 'value') return true
    const [start, end] = spanAlong(tail, tail)
    return !pieces.some((other) => {
      if (other === tail || other.kind !== 'value' || other.tail) return false
      if (!onSameLine(tail, other)) return false
      const [oStart, oEnd] = spanAlong(tail, other)
      const overlap = Math.min(end, oEnd) - Math.max(start, oStart)
      // A one-glyph tail is usually a sliver of the value's first glyph (使用性质子 | 预约…).
      const share = [...compact(tail.text)].length === 1 ? 0.25 : 0.5
      return overlap > share * (end - start) && oEnd - oStart > end - start
    })
  })
}

/** One label piece per spec: the closest reading, then the most confident. */
export function bestLabelPerSpec(pieces: readonly Piece[]): Piece[] {
  const best = new Map<LabelSpec, Piece>()
  for (const p of pieces) {
    if (p.kind !== 'label') continue
    const spec = p.match!.spec
    const current = best.get(spec)
    if (!current || p.match!.distance < current.match!.distance || (p.match!.distance === current.match!.distance && p.score > current.score)) {
      best.set(spec, p)
    }
  }
  return [...best.values()]
}
