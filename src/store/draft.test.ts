import Taro from '@tarojs/taro'
import { resetTaroHost } from '../../test/jest/taro-host'
import { changedFields, createDraftStore, EDIT_PROVIDER, type Draft } from './draft'
import { license, tickingClock } from '../../test/store/fixtures'

const KEY = 'vls-draft-test'

function recognition() {
  return {
    license: license(),
    confidence: { plateNum: 0.98, vin: 0.71 },
    issues: [],
    warnings: ['图片模糊'],
    provider: 'paddle',
    mode: 'scan' as const,
  }
}

beforeEach(() => resetTaroHost())

describe('useDraftStore', () => {
  it('starts from a recognition', () => {
    const store = createDraftStore(KEY, { now: tickingClock() })
    store.getState().startFromRecognition(recognition())
    expect(store.getState().draft).toEqual<Draft>({
      license: license(),
      recognized: license(),
      confidence: { plateNum: 0.98, vin: 0.71 },
      warnings: ['图片模糊'],
      provider: 'paddle',
      mode: 'scan',
      startedAt: '2024-06-01T08:00:00.000Z',
    })
  })

  it('completes a draft with the other page of the same card, never overwriting what it has', () => {
    const store = createDraftStore(KEY, { now: tickingClock() })
    const front = license({ record: '', passengersNum: null, totalQuality: null, prepareQuality: null, overallSize: '' })
    store.getState().startFromRecognition({ license: front, confidence: { owner: 0.9 }, warnings: ['图片模糊'], provider: 'paddle' })
    store.getState().setField('owner', '李四')
    const back = { ...license(), vehicleType: '', owner: '', addr: '', useCharacter: '', model: '', vin: '', engineNum: '', registerDate: '', issueDate: '' }
    expect(store.getState().addPage({ license: { ...back, owner: '王五' }, confidence: { record: 0.99 }, warnings: ['图片模糊', '图片过小'], provider: 'paddle' })).toBe(true)
    const draft = store.getState().draft!
    expect(draft.license).toEqual({ ...license(), owner: '李四' })
    expect(draft.recognized).toEqual(license())
    expect(draft.confidence).toEqual({ owner: 0.9, record: 0.99 })
    expect(draft.warnings).toEqual(['图片模糊', '图片过小'])
  })

  it('does not merge a page of another card, a page that adds nothing, or into an edit', () => {
    const store = createDraftStore(KEY, { now: tickingClock() })
    expect(store.getState().addPage(recognition())).toBe(false) // no draft
    store.getState().startFromRecognition({ ...recognition(), license: license({ record: '' }) })
    expect(store.getState().addPage({ ...recognition(), license: license({ plateNum: '京A00001' }) })).toBe(false)
    expect(store.getState().addPage({ ...recognition(), license: license({ record: '' }) })).toBe(false)
    expect(store.getState().draft!.license.record).toBe('')
    store.getState().startEditing({ id: 'r1', license: license({ record: '' }) })
    expect(store.getState().addPage(recognition())).toBe(false)
    expect(store.getState().draft!.license.record).toBe('')
  })

  it('sets and resets fields, numeric ones accepting null', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition(recognition())
    store.getState().setField('vin', 'LSVAM4187C218484X')
    store.getState().setField('passengersNum', null)
    store.getState().setField('totalQuality', 2000)
    const draft = store.getState().draft!
    expect(draft.license).toEqual(license({ vin: 'LSVAM4187C218484X', passengersNum: null, totalQuality: 2000 }))
    expect(draft.recognized).toEqual(license())
    expect(changedFields(draft)).toEqual(['vin', 'passengersNum', 'totalQuality'])

    store.getState().resetField('vin')
    expect(store.getState().draft!.license.vin).toBe('LSVAM4187C2184847')
    expect(changedFields(store.getState().draft!)).toEqual(['passengersNum', 'totalQuality'])
  })

  it('ignores field changes when there is no draft', () => {
    const store = createDraftStore(KEY)
    store.getState().setField('owner', '李四')
    store.getState().resetField('owner')
    expect(store.getState().draft).toBeNull()
  })

  it('edits an existing record, resetting to its saved values', () => {
    const store = createDraftStore(KEY, { now: tickingClock() })
    store.getState().startEditing({ id: 'srv-7', license: license({ owner: '李四' }) })
    store.getState().setField('owner', '王五')
    store.getState().resetField('owner')
    expect(store.getState().draft).toEqual<Draft>({
      license: license({ owner: '李四' }),
      recognized: license({ owner: '李四' }),
      confidence: {},
      warnings: [],
      provider: EDIT_PROVIDER,
      mode: 'photo',
      startedAt: '2024-06-01T08:00:00.000Z',
      editingRecordId: 'srv-7',
    })
  })

  it('survives an app restart', () => {
    const before = createDraftStore(KEY, { now: tickingClock() })
    before.getState().startFromRecognition(recognition())
    before.getState().setField('owner', '李四')
    const saved = before.getState().draft

    const after = createDraftStore(KEY) // a new process reading the same storage
    expect(after.persist.hasHydrated()).toBe(true)
    expect(after.getState().draft).toEqual(saved)
    expect(after.getState().draft!.license.owner).toBe('李四')
  })

  it('persists only the draft, with its version', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition(recognition())
    const stored = JSON.parse(Taro.getStorageSync(KEY) as string)
    expect(Object.keys(stored)).toEqual(['state', 'version'])
    expect(stored.version).toBe(1)
    // rescanOf: a rescan of a saved record started before a restart still edits that record.
    expect(Object.keys(stored.state)).toEqual(['draft', 'rescanOf'])
  })

  it('clear() removes the draft from storage too', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition(recognition())
    store.getState().clear()
    expect(createDraftStore(KEY).getState().draft).toBeNull()
  })

  it('starts empty when nothing is stored', () => {
    expect(Taro.getStorageSync(KEY)).toBe('')
    expect(createDraftStore(KEY).getState().draft).toBeNull()
  })

  it('migrates an older stored shape, dropping what it cannot read', () => {
    Taro.setStorageSync(KEY, JSON.stringify({ state: { draft: { license: 'garbage' } }, version: 0 }))
    expect(createDraftStore(KEY).getState().draft).toBeNull()

    const old = { license: { plateNum: '粤B12345', passengersNum: '5' }, recognized: {}, provider: 'openapi' }
    Taro.setStorageSync(KEY, JSON.stringify({ state: { draft: old }, version: 0 }))
    const draft = createDraftStore(KEY).getState().draft!
    expect(draft.license.plateNum).toBe('粤B12345')
    expect(draft.license.passengersNum).toBeNull()
    expect(draft.recognized.plateNum).toBe('')
    expect(draft.mode).toBe('photo')
    expect(draft.provider).toBe('openapi')
  })
})

describe('the photo the fields were read from', () => {
  const PHOTO = 'wxfile://tmp_front.jpg'

  it('is kept with a recognition, and the other page of the card adds its own', () => {
    const store = createDraftStore(KEY, { now: tickingClock() })
    store.getState().startFromRecognition({ ...recognition(), license: license({ record: '' }), photoPath: PHOTO })
    expect(store.getState().draft!.photoPaths).toEqual([PHOTO])

    expect(store.getState().addPage({ ...recognition(), photoPath: 'wxfile://tmp_back.jpg' })).toBe(true)
    expect(store.getState().draft!.photoPaths).toEqual([PHOTO, 'wxfile://tmp_back.jpg'])
  })

  it('survives an app restart (the page decides whether the file is still there)', () => {
    createDraftStore(KEY).getState().startFromRecognition({ ...recognition(), photoPath: PHOTO })
    expect(createDraftStore(KEY).getState().draft!.photoPaths).toEqual([PHOTO])
  })

  it('comes along when editing a record whose photo this device has', () => {
    const store = createDraftStore(KEY)
    store.getState().startEditing({ id: 'srv-7', license: license(), photoPaths: [PHOTO] })
    expect(store.getState().draft!.photoPaths).toEqual([PHOTO])
    store.getState().startEditing({ id: 'srv-8', license: license() })
    expect(store.getState().draft).not.toHaveProperty('photoPaths')
  })

  it('is dropped from storage when it is not a list of paths', () => {
    const draft = { license: license(), recognized: license(), photoPaths: [42, '', PHOTO] }
    Taro.setStorageSync(KEY, JSON.stringify({ state: { draft }, version: 1 }))
    expect(createDraftStore(KEY).getState().draft!.photoPaths).toEqual([PHOTO])
    Taro.setStorageSync(KEY, JSON.stringify({ state: { draft: { ...draft, photoPaths: 'x' } }, version: 1 }))
    expect(createDraftStore(KEY).getState().draft).not.toHaveProperty('photoPaths')
  })
})

describe('evidence photos (issue 12)', () => {
  const FRONT = 'wxfile://usr/evidence/front.jpg'
  const BACK = 'wxfile://usr/evidence/back.jpg'
  const backPage = () => license({ owner: '', addr: '', vin: '', registerDate: '', issueDate: '', engineNum: '', model: '', useCharacter: '', vehicleType: '' })

  it('keeps the prepared front as evidence, attached by default; the back page becomes the second photo', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ ...recognition(), license: license({ record: '' }), evidencePath: FRONT })
    expect(store.getState().draft!.evidence).toEqual([{ side: 'front', path: FRONT }])
    expect(store.getState().draft!.attachEvidence).toBeUndefined()
    expect(store.getState().addPage({ ...recognition(), license: backPage(), evidencePath: BACK })).toBe(true)
    expect(store.getState().draft!.evidence).toEqual([
      { side: 'front', path: FRONT },
      { side: 'back', path: BACK },
    ])
  })

  it('a back page scanned first is the back; the front added later sorts before it', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ ...recognition(), license: backPage(), evidencePath: BACK })
    expect(store.getState().draft!.evidence).toEqual([{ side: 'back', path: BACK }])
    store.getState().addPage({ ...recognition(), license: license({ record: '' }), evidencePath: FRONT })
    expect(store.getState().draft!.evidence!.map((e) => e.side)).toEqual(['front', 'back'])
  })

  it('the switch and the photos survive a restart', () => {
    const store = createDraftStore(KEY)
    store.getState().startFromRecognition({ ...recognition(), evidencePath: FRONT })
    store.getState().setAttachEvidence(false)
    expect(createDraftStore(KEY).getState().draft).toMatchObject({ evidence: [{ side: 'front', path: FRONT }], attachEvidence: false })
    store.getState().setAttachEvidence(true)
    expect(createDraftStore(KEY).getState().draft).not.toHaveProperty('attachEvidence')
  })

  it('a rescan of a saved record edits that record, even across a restart', () => {
    createDraftStore(KEY).getState().startRescan('srv-9')
    const store = createDraftStore(KEY)
    expect(store.getState().draft).toBeNull()
    store.getState().startFromRecognition({ ...recognition(), evidencePath: FRONT })
    expect(store.getState().draft).toMatchObject({ editingRecordId: 'srv-9', evidence: [{ side: 'front', path: FRONT }] })
    expect(store.getState().rescanOf).toBeNull()
    // The next scan is a new record again.
    store.getState().clear()
    store.getState().startFromRecognition(recognition())
    expect(store.getState().draft).not.toHaveProperty('editingRecordId')
  })
})
