// Evidence photos (issue 12) past records-evidence.test.ts: no upload service yet, photos offered to
// an edit that cannot take them, a rescan replacing an unsent rescan's photo, one photo of two
// refused, and a failing delete of a local copy.
import { resetTaroHost } from '../../test/jest/taro-host'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock, whilePulling } from '../../test/store/fixtures'
import { fail, ok } from '../contract/result'
import { appError } from '../domain/errors'
import { createRecordsStore, type EvidencePort, type RecordsStore } from './records'
import type { CreateRecordInput, UpdateRecordInput } from './records-api'

const KEY = 'vls-records-evidence-edges-test'
const FRONT = 'wxfile://usr/evidence/front.jpg'
const BACK = 'wxfile://usr/evidence/back.jpg'
const OTHER = 'wxfile://usr/evidence/other.jpg'

class FakeEvidence implements EvidencePort {
  readonly uploads: string[] = []
  readonly discarded: string[] = []
  readonly refused = new Set<string>()
  discardFails = false
  private next = 1

  async upload(path: string) {
    if (this.refused.has(path)) return fail(appError('IMAGE_UNREADABLE', '证件照片的本地副本已不存在'))
    this.uploads.push(path)
    return ok({ fileID: `cloud://env/evidence/${this.next++}.jpg` })
  }

  async discard(path: string) {
    this.discarded.push(path)
    if (this.discardFails) throw new Error('unlink:fail')
  }
}

/** Lets fire-and-forget discards run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function setup(withPort = true) {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  const evidence = new FakeEvidence()
  let uuid = 0
  const store: RecordsStore = createRecordsStore(api, KEY, { now: clock, newUuid: () => `u${++uuid}`, evidence: withPort ? evidence : undefined })
  return { api, evidence, store }
}

beforeEach(() => resetTaroHost())
afterEach(() => jest.restoreAllMocks())

it('without an upload service, a create with photos waits queued (as if offline); one without photos is sent', async () => {
  const { api, store } = setup(false)
  const record = store.getState().confirm(license(), null, [{ side: 'front', path: FRONT }])
  expect(await store.getState().flush()).toEqual({ settled: 0, remaining: 1, offline: true })
  expect(api.callsOf('create')).toEqual([])
  expect(store.getState().getRecord(record.id)).toMatchObject({ sync: 'pending', syncError: { code: 'NETWORK' } })
  expect(store.getState().outbox[0]).toMatchObject({ evidence: [{ side: 'front', path: FRONT }] })

  resetTaroHost() // another device: nothing queued
  const { api: api2, store: plain } = setup(false)
  plain.getState().confirm(license(), null, [])
  expect(await plain.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
  expect(api2.callsOf('create')).toEqual([expect.not.objectContaining({ evidence: expect.anything() })])
})

it('photos offered to an edit of an unknown record, or of one in conflict, are deleted: nothing will send them', async () => {
  const { api, evidence, store } = setup()
  expect(store.getState().edit('srv-404', license(), [{ side: 'front', path: FRONT }])).toBe(false)
  await settle()
  expect(evidence.discarded).toEqual([FRONT])

  store.getState().confirm(license(), null)
  await store.getState().flush()
  api.serverEdit('srv-1', { owner: '李四' })
  store.getState().edit('srv-1', license({ owner: '王五' }))
  await store.getState().flush()
  expect(store.getState().records[0].sync).toBe('conflict')
  expect(store.getState().edit('srv-1', license({ owner: '王五' }), [{ side: 'back', path: BACK }])).toBe(true)
  await settle()
  expect(evidence.discarded).toEqual([FRONT, BACK])
  expect(store.getState().outbox).toEqual([])
})

it('a rescan replacing an unsent rescan deletes the photo it replaced and sends only the new one', async () => {
  const { api, evidence, store } = setup()
  store.getState().confirm(license(), null)
  await store.getState().flush()
  const pulled = await whilePulling(api, store)
  store.getState().edit('srv-1', license(), [{ side: 'front', path: FRONT }])
  store.getState().edit('srv-1', license(), [{ side: 'front', path: OTHER }])
  await settle()
  expect(evidence.discarded).toEqual([FRONT])
  await pulled()
  await store.getState().flush()
  expect(evidence.uploads).toEqual([OTHER])
  expect((api.callsOf('update') as UpdateRecordInput[]).map((u) => u.evidence)).toEqual([[{ side: 'front', fileID: 'cloud://env/evidence/1.jpg' }]])
})

it('a refused photo is left out, the other goes with the create', async () => {
  const { api, evidence, store } = setup()
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  evidence.refused.add(FRONT)
  store.getState().confirm(license(), null, [
    { side: 'front', path: FRONT },
    { side: 'back', path: BACK },
  ])
  expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
  expect((api.callsOf('create') as CreateRecordInput[])[0].evidence).toEqual([{ side: 'back', fileID: 'cloud://env/evidence/1.jpg' }])
})

it('a rescan whose every photo is refused still replaces the photos (with none); a create is sent without any', async () => {
  const { api, evidence, store } = setup()
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  evidence.refused.add(FRONT)
  store.getState().confirm(license(), null, [{ side: 'front', path: FRONT }])
  await store.getState().flush()
  expect((api.callsOf('create') as CreateRecordInput[])[0]).not.toHaveProperty('evidence')
  store.getState().edit('srv-1', license(), [{ side: 'front', path: FRONT }])
  await store.getState().flush()
  expect((api.callsOf('update') as UpdateRecordInput[])[0].evidence).toEqual([])
})

it('a local copy that cannot be deleted does not break the flush', async () => {
  const { evidence, store } = setup()
  evidence.discardFails = true
  store.getState().confirm(license(), null, [{ side: 'front', path: FRONT }])
  expect(await store.getState().flush()).toEqual({ settled: 1, remaining: 0, offline: false })
  await settle()
  expect(evidence.discarded).toEqual([FRONT])
  expect(store.getState().records[0].sync).toBe('synced')
})
