// Red seal suppression: licenses carry a red stamp over the label column and often over the
// first glyphs of values. In the red channel red ink is as bright as the paper while black
// (and blue) print stays dark, so a grey image made of it drops the seal and keeps the text.
import type { RgbImage } from '../types'

export function withoutRedInk(image: RgbImage): RgbImage {
  const { data, width, height } = image
  const out = new Uint8Array(data.length)
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i]!
    out[i] = r
    out[i + 1] = r
    out[i + 2] = r
  }
  return { data: out, width, height }
}
