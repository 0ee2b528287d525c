// The draft under review, past the common paths of draft.test.ts: which page of the card a
// recognition read (and so which evidence side its photo is), a second page that completes an
// unnamed draft, and a stored draft read back field by field after a restart.
import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { license, tickingClock } from '../../test/store/fixtures'
import { emptyLicense, type VehicleLicense } from '../domain/license'
import { createDraftStore, draftEvidencePaths, sideOf, toDraft, type Draft } from './draft'

const KEY = 'vls-draft-pages-test'
const FRONT = 'wxfile://usr/evidence/front.jpg'
const BACK = 'wxfile://usr/evidence/back.jpg'

beforeEach(() => resetTaroHost())

const only = (fields: Partial<VehicleLicense>): VehicleLicense => ({ ...emptyLicense(), ...fields })
/** The back page of the sample card: file number, people, weights and size. */
const backPage = () => only({ plateNum: license().plateNum, record: '440300123456', passengersNum: 5, totalQuality: 1900, prepareQuality: 1450, overallSize: '4765×1820×1475mm' })

describe('sideOf: the front carries the owner, the VIN, the address or the registration date', () => {
  it.each([
    ['owner', only({ owner: '张三' })],
    ['vin', only({ vin: 'LSVAM4187C2184847' })],
    ['addr', only({ addr: '广东省深圳市' })],
    ['registerDate', only({ registerDate: '2018-05-20' })],
  ])('a page with only %s is the front', (_field, page) => {
    expect(sideOf(page)).toBe('front')
  })

  it('a page with none of them is the back', () => {
    expect(sideOf(backPage())).toBe('back')
    expect(sideOf(emptyLicense())).toBe('back')
  })
})

describe('a second page', () => {
  it('completes a draft whose first page had no plate, and its photo takes the other side', () => {
    const store = createDraftStore(KEY, { now: tickingClock() })
    // A front page whose plate the OCR missed.
    store.getState().startFromRecognition({ license: license({ plateNum: '', record: '', passengersNum: null }), provider: 'paddle', evidencePath: FRONT })
    expect(store.getState().addPage({ license: backPage(), provider: 'paddle', evidencePath: BACK })).toBe(true)
    const draft = store.getState().draft!
    expect(draft.license).toEqual(license())
    expect(draft.recognized).toEqual(license())
    expect(draft.evidence).toEqual([
      { side: 'front', path: FRONT },
      { side: 'back', path: BACK },
    ])
  })

  it('adds to a draft with a plate a page whose plate the OCR missed', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ license: license({ record: '' }), provider: 'paddle' })
    expect(store.getState().addPage({ license: { ...backPage(), plateNum: '' }, provider: 'paddle' })).toBe(true)
    expect(store.getState().draft!.license.record).toBe('440300123456')
  })

  it('a second photo guessed as the side already taken is the other side', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ license: license({ record: '' }), provider: 'paddle', evidencePath: FRONT })
    // The OCR read a stray owner on the back page: guessed front, but the front is taken.
    expect(store.getState().addPage({ license: { ...backPage(), owner: '张三' }, provider: 'paddle', evidencePath: BACK })).toBe(true)
    expect(store.getState().draft!.evidence).toEqual([
      { side: 'front', path: FRONT },
      { side: 'back', path: BACK },
    ])
  })

  it('a page without a photo copy leaves the evidence as it was (none stays none)', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ license: license({ record: '' }), provider: 'paddle' })
    store.getState().addPage({ license: backPage(), provider: 'paddle' })
    expect(store.getState().draft).not.toHaveProperty('evidence')

    store.getState().startFromRecognition({ license: license({ record: '' }), provider: 'paddle', evidencePath: FRONT })
    store.getState().addPage({ license: backPage(), provider: 'paddle' })
    expect(store.getState().draft!.evidence).toEqual([{ side: 'front', path: FRONT }])
    expect(draftEvidencePaths(store.getState().draft)).toEqual([FRONT])
    expect(draftEvidencePaths(null)).toEqual([])
  })

  it('takes the scores the page has, keeps the others, and does not add the same warning twice', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ license: license({ record: '', passengersNum: null }), provider: 'paddle', confidence: { owner: 0.9 }, warnings: ['图片模糊'] })
    store.getState().addPage({ license: backPage(), provider: 'paddle', confidence: { record: 0.8 }, warnings: ['图片模糊', '反光'] })
    const draft = store.getState().draft!
    expect(draft.confidence).toEqual({ owner: 0.9, record: 0.8 })
    expect(draft.warnings).toEqual(['图片模糊', '反光'])
    // A page with no scores or warnings at all.
    store.getState().startFromRecognition({ license: license({ record: '' }), provider: 'paddle' })
    expect(store.getState().draft).toMatchObject({ confidence: {}, warnings: [], mode: 'photo' })
    store.getState().addPage({ license: backPage(), provider: 'paddle' })
    expect(store.getState().draft).toMatchObject({ confidence: {}, warnings: [] })
  })

  it('a numeric field the first page read as 0 is not empty: the second page does not replace it', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ license: license({ record: '', passengersNum: 0 }), provider: 'paddle' })
    store.getState().addPage({ license: backPage(), provider: 'paddle' })
    expect(store.getState().draft!.license).toMatchObject({ passengersNum: 0, record: '440300123456' })
  })
})

describe('a stored draft read back', () => {
  const stored = (draft: Record<string, unknown>) => {
    Taro.setStorageSync(KEY, JSON.stringify({ state: { draft, rescanOf: null }, version: 1 }))
    return createDraftStore(KEY).getState().draft
  }

  it('keeps every field of a full draft', () => {
    const draft: Draft = {
      license: license(),
      recognized: license({ owner: '识别' }),
      confidence: { owner: 0.5, passengersNum: 1 },
      warnings: ['图片模糊'],
      provider: 'paddle',
      mode: 'scan',
      startedAt: '2024-06-01T08:00:00.000Z',
      editingRecordId: 'srv-3',
      photoPaths: ['wxfile://tmp.jpg'],
      evidence: [{ side: 'front', path: FRONT }],
      attachEvidence: false,
    }
    expect(stored(draft as unknown as Record<string, unknown>)).toEqual(draft)
  })

  it('defaults or drops what is not of the right type', () => {
    const draft = stored({
      license: license(),
      recognized: license(),
      confidence: { owner: '0.5', vin: 0.7, unknown: 1 },
      warnings: ['图片模糊', 3, null],
      provider: 7,
      mode: 'video',
      startedAt: 0,
      editingRecordId: 12,
      evidence: [{ side: 'front', path: FRONT }, { side: 'left', path: 'x' }, { side: 'back', path: '' }, 'y', { side: 'back', path: 5 }],
      attachEvidence: 'no',
    })
    expect(draft).toEqual({
      license: license(),
      recognized: license(),
      confidence: { vin: 0.7 },
      warnings: ['图片模糊'],
      provider: '',
      mode: 'photo',
      startedAt: '',
      evidence: [{ side: 'front', path: FRONT }],
    })
  })

  it('confidence or warnings that are not an object or a list are empty', () => {
    expect(stored({ license: license(), recognized: license(), confidence: [0.5], warnings: 'x' })).toMatchObject({ confidence: {}, warnings: [] })
  })

  it('is no draft without both licenses, or when not an object', () => {
    expect(toDraft({ license: license() })).toBeNull()
    expect(toDraft({ recognized: license() })).toBeNull()
    expect(toDraft([license()])).toBeNull()
    expect(toDraft(null)).toBeNull()
  })

  it('a rescan pending across a restart is kept only as a record id', () => {
    Taro.setStorageSync(KEY, JSON.stringify({ state: { draft: null, rescanOf: 42 }, version: 1 }))
    expect(createDraftStore(KEY).getState().rescanOf).toBeNull()
    Taro.setStorageSync(KEY, JSON.stringify({ state: { draft: null, rescanOf: 'srv-4' }, version: 1 }))
    expect(createDraftStore(KEY).getState().rescanOf).toBe('srv-4')
    Taro.setStorageSync(KEY, JSON.stringify({ state: 'junk', version: 1 }))
    expect(createDraftStore(KEY).getState()).toMatchObject({ draft: null, rescanOf: null })
  })
})

describe('the evidence switch', () => {
  it('does nothing without a draft', () => {
    const store = createDraftStore(KEY)
    store.getState().setAttachEvidence(false)
    expect(store.getState().draft).toBeNull()
  })
})
