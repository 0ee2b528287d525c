import type { Extraction } from './extract'
import { QUALITY_LIMITS, qualityWarnings, WARNING_BLURRY, WARNING_INCOMPLETE, WARNING_TOO_SMALL } from './quality'

const extraction = (over: Partial<Extraction> = {}): Extraction => ({
  page: 'front',
  fields: {},
  labels: [],
  missingLabels: [],
  emptyLabels: [],
  titleFound: true,
  skewDeg: 0,
  labelHeight: 28,
  ...over,
})

const good = { extraction: extraction(), originalLongSide: 1600, labelHeightOriginal: 35, sharpness: 0.6 }

describe('qualityWarnings', () => {
  it('says nothing about a good photo', () => {
    expect(qualityWarnings(good)).toEqual([])
  })

  it('flags small images and small text', () => {
    expect(qualityWarnings({ ...good, originalLongSide: QUALITY_LIMITS.minLongSide - 1 })).toEqual([WARNING_TOO_SMALL])
    expect(qualityWarnings({ ...good, labelHeightOriginal: QUALITY_LIMITS.minLabelHeight - 1 })).toEqual([WARNING_TOO_SMALL])
  })

  it('flags blur below the sharpness limit', () => {
    expect(qualityWarnings({ ...good, sharpness: QUALITY_LIMITS.minSharpness - 0.01 })).toEqual([WARNING_BLURRY])
    expect(qualityWarnings({ ...good, sharpness: QUALITY_LIMITS.minSharpness + 0.01 })).toEqual([])
  })

  it('flags missing labels and labels without a value as incomplete', () => {
    expect(qualityWarnings({ ...good, extraction: extraction({ missingLabels: ['注册日期'] }) })).toEqual([WARNING_INCOMPLETE])
    expect(qualityWarnings({ ...good, extraction: extraction({ emptyLabels: ['住址'] }) })).toEqual([WARNING_INCOMPLETE])
  })
})
