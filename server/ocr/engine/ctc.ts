// Greedy CTC decoding of the recognizer's per-step best classes.

export interface Decoded {
  text: string
  /** Mean probability of the emitted characters (0 when nothing was emitted). */
  score: number
  /** Probability of each emitted character, in text order. */
  chars: number[]
  /** Time step at the middle of each emitted character (position along the crop). */
  at: number[]
}

/**
 * `indices`/`values` hold the best class and its probability per [batch, step]; class 0 is
 * the CTC blank, class i the dictionary's entry i - 1. Repeats merge and blanks drop, as in
 * PaddleOCR.
 */
export function ctcGreedyDecode(
  indices: Int32Array,
  values: Float32Array,
  batch: number,
  steps: number,
  dictionary: readonly string[],
): Decoded[] {
  const results: Decoded[] = []
  for (let b = 0; b < batch; b++) {
    let text = ''
    let sum = 0
    let count = 0
    let previous = -1
    const chars: number[] = []
    const at: number[] = []
    let start = 0
    for (let t = b * steps; t < (b + 1) * steps; t++) {
      const best = indices[t]!
      if (best !== 0 && best !== previous) {
        const glyph = dictionary[best - 1] ?? ''
        text += glyph
        sum += values[t]!
        count++
        start = t - b * steps
        for (let k = [...glyph].length; k > 0; k--) {
          chars.push(values[t]!)
          at.push(start)
        }
      } else if (best !== 0 && chars.length > 0) {
        // A character held over several steps: its surest step (the others are transitions).
        chars[chars.length - 1] = Math.max(chars[chars.length - 1]!, values[t]!)
        at[at.length - 1] = (start + t - b * steps) / 2
      }
      previous = best
    }
    results.push({ text, score: count > 0 ? sum / count : 0, chars, at })
  }
  return results
}
