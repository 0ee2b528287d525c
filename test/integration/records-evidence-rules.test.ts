// The records handler's photo rules, with a fake EvidenceStore over SQLite: what counts as a write,
// per-side replacement, a photo kept by another record, a host without evidence storage, and
// releases when a write does not happen.
import { EXPECTED_LICENSE } from '../contract/fixtures'
import { createRecordsHandler } from '../../functions/records/handler'
import type { EvidenceStore } from '../../functions/shared/ports'
import type { SqliteRecordRepo } from '../../server/records'
import { createFakeEvidenceStore } from '../fakes/evidence-store'
import { useTempSqliteRepo } from './temp-sqlite-repo'

const OWNER = 'owner-a'
let repo: SqliteRecordRepo
useTempSqliteRepo('vls-evidence-rules-', (opened) => (repo = opened))
let uploads: Set<string>
let log: string[]

let store: EvidenceStore

const handler = (evidence?: EvidenceStore) => createRecordsHandler({ repo, isStaff: async () => false, evidence })
let upload: (name: string, openid?: string) => string

beforeEach(() => {
  const fake = createFakeEvidenceStore()
  ;({ store, uploads, log } = fake)
  upload = (name, openid = OWNER) => fake.upload(name, openid)
})

async function created(evidence: Array<{ fileID: string; side: string }>, license = EXPECTED_LICENSE) {
  const reply = (await handler(store)({ action: 'create', license, evidence }, { openid: OWNER })) as { ok: boolean; record: { id: string; version: number } }
  expect(reply.ok).toBe(true)
  return reply.record
}

test('a photo alone is an edit (back to review); evidence: [] with unchanged values writes nothing', async () => {
  const record = await created([{ fileID: upload('f1'), side: 'front' }])
  await repo.update({ ...(await repo.get(record.id))!, status: 'verified', decidedAt: 'x', version: 2 }, 1, {
    id: 'a2', recordId: record.id, actor: 'staff', action: 'verify', at: 'x', previousStatus: 'pending', nextStatus: 'verified',
  })
  const same = await handler(store)({ action: 'update', id: record.id, version: 2, license: EXPECTED_LICENSE, evidence: [] }, { openid: OWNER })
  expect(same).toMatchObject({ ok: true, record: { version: 2, status: 'verified' } })
  const back = await handler(store)({ action: 'update', id: record.id, version: 2, license: EXPECTED_LICENSE, evidence: [{ fileID: upload('b1'), side: 'back' }] }, { openid: OWNER })
  expect(back).toMatchObject({ ok: true, record: { version: 3, status: 'pending', evidence: [{ side: 'front' }, { side: 'back' }] } })
  expect((await repo.get(record.id))!.decidedAt).toBeUndefined()
  expect(log).toEqual([`claim up:${OWNER}:f1`, `kept kept:${OWNER}:f1`, `claim up:${OWNER}:b1`, `kept kept:${OWNER}:b1`])
})

test('replacing one side removes only its old file, after the write', async () => {
  const record = await created([{ fileID: upload('f1'), side: 'front' }, { fileID: upload('b1'), side: 'back' }])
  log.splice(0)
  await handler(store)({ action: 'update', id: record.id, version: 1, license: EXPECTED_LICENSE, evidence: [{ fileID: upload('f2'), side: 'front' }] }, { openid: OWNER })
  expect(log).toEqual([`claim up:${OWNER}:f2`, `kept kept:${OWNER}:f2`, `remove kept:${OWNER}:f1`])
  expect((await repo.get(record.id))!.evidence!.map((photo) => photo.fileID)).toEqual([`kept:${OWNER}:f2`, `kept:${OWNER}:b1`])
})

test('a stale update claims nothing; a create refused for its VIN releases what it claimed', async () => {
  const record = await created([])
  await handler(store)({ action: 'update', id: record.id, version: 1, license: { ...EXPECTED_LICENSE, owner: '李四' } }, { openid: OWNER })
  const conflict = await handler(store)({ action: 'update', id: record.id, version: 1, license: EXPECTED_LICENSE, evidence: [{ fileID: upload('f2'), side: 'front' }] }, { openid: OWNER })
  expect(conflict).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } })
  const duplicate = await handler(store)({ action: 'create', license: { ...EXPECTED_LICENSE, owner: '李四' }, evidence: [{ fileID: upload('f3'), side: 'front' }] }, { openid: OWNER })
  expect(duplicate).toMatchObject({ ok: false, error: { code: 'DUPLICATE_VIN' } })
  expect(log).toEqual([`claim up:${OWNER}:f3`, `release kept:${OWNER}:f3`])
  expect(uploads.has(`up:${OWNER}:f2`) && uploads.has(`up:${OWNER}:f3`)).toBe(true)
  expect(JSON.stringify([conflict, duplicate])).not.toMatch(/kept:|up:/)
})

test('a photo another record keeps is refused, and that record keeps it', async () => {
  const first = await created([{ fileID: upload('f1'), side: 'front' }])
  // The store hands out an id another record keeps (a cloud fileID sent twice).
  const twice: EvidenceStore = { ...store, claim: async () => ({ ok: true, stored: `kept:${OWNER}:f1` }) }
  const reply = await handler(twice)({ action: 'create', license: { ...EXPECTED_LICENSE, vin: '' }, evidence: [{ fileID: 'anything', side: 'front' }] }, { openid: OWNER })
  expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/其他记录/) } })
  expect((await repo.get(first.id))!.evidence).toHaveLength(1)
})

test('a host without evidence storage refuses photos and answers evidenceUrl with none', async () => {
  const plain = handler(undefined)
  expect(await plain({ action: 'evidenceTarget' }, { openid: OWNER })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  expect(await plain({ action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID: upload('f1'), side: 'front' }] }, { openid: OWNER })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT' },
  })
  const reply = (await plain({ action: 'create', license: EXPECTED_LICENSE }, { openid: OWNER })) as { record: { id: string } }
  expect(await plain({ action: 'evidenceUrl', id: reply.record.id }, { openid: OWNER })).toEqual({ ok: true, photos: [] })
})
