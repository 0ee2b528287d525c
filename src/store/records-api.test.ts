// The store reads server answers and its own cache as untrusted JSON: every guard keeps what has the
// right shape and defaults or drops the rest, field by field.
import { emptyLicense } from '../domain/license'
import { conflictCurrent, duplicateOf, toEvidenceInfo, toServerRecord } from './records-api'
import { isObject, sameLicense, toLicense } from './license-shape'
import { license } from '../../test/store/fixtures'

const RECORD = {
  id: 'r1',
  license: license(),
  recognized: license({ owner: '张山' }),
  status: 'verified',
  version: 3,
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-02T00:00:00.000Z',
}

describe('toLicense', () => {
  it('keeps known fields of the right type and defaults the rest', () => {
    expect(toLicense(license())).toEqual(license())
    expect(toLicense({ plateNum: 7, owner: '李四', passengersNum: '5', totalQuality: Number.NaN, prepareQuality: Infinity, unknown: 'x' })).toEqual({
      ...emptyLicense(),
      owner: '李四',
    })
    expect(toLicense({ passengersNum: 0, totalQuality: 2700 })).toEqual({ ...emptyLicense(), passengersNum: 0, totalQuality: 2700 })
  })

  it('answers null for what is not an object', () => {
    for (const value of [null, undefined, 'x', 1, [license()]]) expect(toLicense(value)).toBeNull()
    expect(isObject({})).toBe(true)
    expect(isObject([])).toBe(false)
    expect(isObject(null)).toBe(false)
  })

  it('sameLicense compares every field', () => {
    expect(sameLicense(license(), license())).toBe(true)
    expect(sameLicense(license(), license({ overallSize: '' }))).toBe(false)
    expect(sameLicense(license(), license({ passengersNum: null }))).toBe(false)
  })
})

describe('toServerRecord', () => {
  it('keeps a well-formed record as it is', () => {
    expect(toServerRecord(RECORD)).toEqual(RECORD)
    const full = { ...RECORD, rejectReason: '照片模糊', hasEvidence: true, evidence: [{ side: 'back', attachedAt: 'x' }] }
    expect(toServerRecord(full)).toEqual(full)
  })

  it.each([
    ['no id', { ...RECORD, id: undefined }],
    ['an empty id', { ...RECORD, id: '' }],
    ['a numeric id', { ...RECORD, id: 1 }],
    ['no version', { ...RECORD, version: '3' }],
    ['no license', { ...RECORD, license: null }],
    ['not an object', 'r1'],
    ['an array', [RECORD]],
  ])('drops a record with %s', (_why, value) => {
    expect(toServerRecord(value)).toBeNull()
  })

  it('defaults what it can: unknown status pending, missing times empty, bad extras left out', () => {
    expect(
      toServerRecord({ ...RECORD, status: 'approved', createdAt: 1, updatedAt: null, recognized: 'x', rejectReason: 5, hasEvidence: 'yes', evidence: 'front' }),
    ).toEqual({ ...RECORD, status: 'pending', createdAt: '', updatedAt: '', recognized: null })
    for (const status of ['pending', 'verified', 'rejected']) expect(toServerRecord({ ...RECORD, status })?.status).toBe(status)
    expect(toServerRecord({ ...RECORD, hasEvidence: false })?.hasEvidence).toBe(false)
  })
})

describe('toEvidenceInfo', () => {
  it('keeps front/back entries (never a fileID), defaults a missing time, drops the rest', () => {
    expect(toEvidenceInfo(undefined)).toBeUndefined()
    expect(toEvidenceInfo({ side: 'front' })).toBeUndefined()
    expect(
      toEvidenceInfo([{ side: 'front', attachedAt: 't1', fileID: 'cloud://secret' }, { side: 'back' }, { side: 'top', attachedAt: 't' }, null, 'front', [{ side: 'front' }]]),
    ).toEqual([
      { side: 'front', attachedAt: 't1' },
      { side: 'back', attachedAt: '' },
    ])
    expect(toEvidenceInfo([])).toEqual([])
  })
})

describe('error extras', () => {
  it('conflictCurrent reads a usable record only', () => {
    expect(conflictCurrent({ code: 'VERSION_CONFLICT', message: 'm', current: RECORD })).toEqual(RECORD)
    expect(conflictCurrent({ code: 'VERSION_CONFLICT', message: 'm', current: { id: 'r1' } })).toBeNull()
    expect(conflictCurrent({ code: 'VERSION_CONFLICT', message: 'm' })).toBeNull()
  })

  it('duplicateOf reads a string existingId only', () => {
    expect(duplicateOf({ code: 'DUPLICATE_VIN', message: 'm', existingId: 'r9' })).toBe('r9')
    expect(duplicateOf({ code: 'DUPLICATE_VIN', message: 'm', existingId: 9 })).toBeUndefined()
    expect(duplicateOf(undefined)).toBeUndefined()
  })
})
