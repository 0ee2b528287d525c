// Greedy CTC decoding of the recognizer's per-step best classes.

export interface Decoded {
  text: string
  /** Mean probability of the emitted characters (0 when nothing was emitted). */
  score: number
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
    for (let t = b * steps; t < (b + 1) * steps; t++) {
      const best = indices[t]!
      if (best !== 0 && best !== previous) {
        text += dictionary[best - 1] ?? ''
        sum += values[t]!
        count++
      }
      previous = best
    }
    results.push({ text, score: count > 0 ? sum / count : 0 })
  }
  return results
}
