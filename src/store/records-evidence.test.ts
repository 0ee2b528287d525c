// Issue 12: an evidence photo queued with a create or a rescan's update goes up just before the
// write, survives a restart while offline, and its local copy is deleted once the server has it.
import { resetTaroHost } from '../../test/jest/taro-host'
import { fail, ok } from '../contract/result'
import { appError } from '../domain/errors'
import { createRecordsStore, type EvidencePort, type RecordsStore } from './records'
import type { CreateRecordInput, UpdateRecordInput } from './records-api'
import { FakeRecordsApi } from '../../test/store/fake-records-api'
import { license, tickingClock, whilePulling } from '../../test/store/fixtures'

const KEY = 'vls-records-evidence-test'
const FRONT = 'wxfile://usr/evidence/front.jpg'
const BACK = 'wxfile://usr/evidence/back.jpg'

/** Local copies on the "device" and uploads that reached the "cloud". */
class FakeEvidence implements EvidencePort {
  readonly copies = new Set<string>()
  readonly uploads: string[] = []
  readonly discarded: string[] = []
  offline = false
  private next = 1

  keep(...paths: string[]): void {
    for (const path of paths) this.copies.add(path)
  }

  async upload(path: string) {
    if (this.offline) return fail(appError('NETWORK', '图片上传失败'))
    if (!this.copies.has(path)) return fail(appError('IMAGE_UNREADABLE', '证件照片的本地副本已不存在'))
    this.uploads.push(path)
    return ok({ fileID: `cloud://env/evidence/u/${this.next++}.jpg` })
  }

  async discard(path: string) {
    this.discarded.push(path)
    this.copies.delete(path)
  }
}

function setup() {
  const clock = tickingClock()
  const api = new FakeRecordsApi(clock)
  const evidence = new FakeEvidence()
  let uuid = 0
  const open = (): RecordsStore => createRecordsStore(api, KEY, { now: clock, newUuid: () => `u${++uuid}`, evidence })
  return { api, evidence, open }
}

/** Lets fire-and-forget discards run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => resetTaroHost())

test('offline create with a photo → restart → online: uploaded, then created with it; the local copy is deleted', async () => {
  const { api, evidence, open } = setup()
  evidence.keep(FRONT)
  api.down()
  evidence.offline = true
  const first = open()
  const record = first.getState().confirm(license(), license(), [{ side: 'front', path: FRONT }])
  expect(await first.getState().flush()).toMatchObject({ offline: true, remaining: 1 })
  expect(api.callsOf('create')).toEqual([])

  // The app is killed; the outbox (with the copy's path) comes back from storage.
  const second = open()
  expect(second.getState().outbox).toEqual([expect.objectContaining({ kind: 'create', recordId: record.id, evidence: [{ side: 'front', path: FRONT }] })])
  api.up()
  evidence.offline = false
  expect(await second.getState().flush()).toMatchObject({ settled: 1, remaining: 0, offline: false })

  expect(evidence.uploads).toEqual([FRONT])
  const [sent] = api.callsOf('create') as CreateRecordInput[]
  expect(sent.evidence).toEqual([{ fileID: 'cloud://env/evidence/u/1.jpg', side: 'front' }])
  await settle()
  expect(evidence.discarded).toEqual([FRONT])
  expect(evidence.copies.size).toBe(0)
  expect(second.getState().records[0]).toMatchObject({ id: 'srv-1', sync: 'synced' })
})

test('an upload that fails keeps the create queued with its photo, and the copy is kept', async () => {
  const { api, evidence, open } = setup()
  evidence.keep(FRONT, BACK)
  evidence.offline = true
  const store = open()
  store.getState().confirm(license(), license(), [
    { side: 'front', path: FRONT },
    { side: 'back', path: BACK },
  ])
  expect(await store.getState().flush()).toMatchObject({ offline: true, remaining: 1 })
  expect(api.callsOf('create')).toEqual([]) // never sent without its photo
  expect(store.getState().records[0].sync).toBe('pending')
  await settle()
  expect(evidence.discarded).toEqual([])

  evidence.offline = false
  await store.getState().flush()
  const [sent] = api.callsOf('create') as CreateRecordInput[]
  expect(sent.evidence!.map((e) => e.side)).toEqual(['front', 'back'])
  await settle()
  expect(evidence.discarded.sort()).toEqual([BACK, FRONT].sort())
})

test('a copy that is gone is left out: the record is still created', async () => {
  const { api, evidence, open } = setup()
  const store = open()
  store.getState().confirm(license(), license(), [{ side: 'front', path: FRONT }])
  await store.getState().flush()
  expect(evidence.uploads).toEqual([])
  expect(api.callsOf('create')).toEqual([expect.not.objectContaining({ evidence: expect.anything() })])
  expect(store.getState().outbox).toEqual([])
})

test('a create refused after the upload drops its copy with the op; a create without photos uploads nothing', async () => {
  const { api, evidence, open } = setup()
  evidence.keep(FRONT)
  const store = open()
  api.refuseNext('create', appError('INVALID_INPUT', '只能附加本人上传的证件照片'))
  store.getState().confirm(license(), license(), [{ side: 'front', path: FRONT }])
  await store.getState().flush()
  expect(store.getState().records[0].sync).toBe('error')
  await settle()
  expect(evidence.discarded).toEqual([FRONT])

  const plain = open()
  plain.getState().confirm(license({ vin: 'LSVAM4187C2100001', plateNum: '粤B11111' }), null)
  await plain.getState().flush()
  expect(evidence.uploads).toEqual([FRONT])
})

test('a rescan replaces the photos with an update; a plain edit sends none; removing an unsent record deletes its copy', async () => {
  const { api, evidence, open } = setup()
  const store = open()
  const record = store.getState().confirm(license(), license())
  await store.getState().flush()
  const id = store.getState().records[0].id
  expect(id).not.toBe(record.id)

  evidence.keep(BACK)
  const pullDone = await whilePulling(api, store) // writes wait unsent meanwhile
  store.getState().edit(id, license(), [{ side: 'back', path: BACK }]) // same license, new photo: still a write
  store.getState().edit(id, license({ owner: '李四' })) // absorbed: keeps the photo
  await pullDone()
  await store.getState().flush()
  const updates = api.callsOf('update') as UpdateRecordInput[]
  expect(updates).toHaveLength(1)
  expect(updates[0]).toMatchObject({ id, license: { owner: '李四' }, evidence: [{ side: 'back', fileID: expect.stringMatching(/^cloud:/) }] })

  store.getState().edit(id, license({ owner: '王五' }))
  await store.getState().flush()
  expect((api.callsOf('update') as UpdateRecordInput[])[1]).not.toHaveProperty('evidence')

  // The user chose not to attach on a rescan: the update says so with [].
  store.getState().edit(id, license({ owner: '王五' }), [])
  await store.getState().flush()
  expect((api.callsOf('update') as UpdateRecordInput[])[2]).toMatchObject({ evidence: [] })

  evidence.keep(FRONT)
  const pulled = await whilePulling(api, store)
  const unsent = store.getState().confirm(license({ vin: 'LSVAM4187C2100001', plateNum: '粤B11111' }), null, [{ side: 'front', path: FRONT }])
  store.getState().remove(unsent.id)
  await pulled()
  await settle()
  expect(evidence.discarded).toContain(FRONT)
  expect(store.getState().outbox).toEqual([])
})
