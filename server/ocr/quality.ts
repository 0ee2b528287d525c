// Image-quality warnings shown to the user in Chinese.
import type { Extraction } from './extract'

export const WARNING_TOO_SMALL = '图片过小'
export const WARNING_BLURRY = '图片可能模糊'
export const WARNING_INCOMPLETE = '证件可能不完整'

export interface QualityInput {
  extraction: Extraction
  /** Long side of the image as uploaded (after EXIF rotation). */
  originalLongSide: number
  /** Label height in original-image pixels. */
  labelHeightOriginal: number
  /** textSharpness() of the text regions. */
  sharpness: number
}

/** Thresholds, calibrated on the generated set (scripts/ocr/bench.ts prints the measures). */
export const QUALITY_LIMITS = {
  minLongSide: 800,
  /** Labels lower than this (original pixels) are too small to read reliably. */
  minLabelHeight: 16,
  minSharpness: 0.2,
}

export function qualityWarnings(q: QualityInput): string[] {
  const warnings: string[] = []
  if (q.originalLongSide < QUALITY_LIMITS.minLongSide || (q.labelHeightOriginal > 0 && q.labelHeightOriginal < QUALITY_LIMITS.minLabelHeight)) {
    warnings.push(WARNING_TOO_SMALL)
  }
  if (q.sharpness > 0 && q.sharpness < QUALITY_LIMITS.minSharpness) warnings.push(WARNING_BLURRY)
  if (q.extraction.missingLabels.length > 0 || q.extraction.emptyLabels.length > 0) warnings.push(WARNING_INCOMPLETE)
  return warnings
}
