// The records handler's photo claims with a fake EvidenceStore over SQLite: a photo the record keeps
// already, a refusal part-way through (what was claimed goes back), claim errors as answered, a
// failing settle that does not undo a committed write, who gets links, and photo removal.
import { EXPECTED_LICENSE } from '../contract/fixtures'
import { createRecordsHandler } from '../../functions/records/handler'
import type { EvidenceStore } from '../../functions/shared/ports'
import type { SqliteRecordRepo } from '../../server/records'
import { createFakeEvidenceStore } from '../fakes/evidence-store'
import { useTempSqliteRepo } from './temp-sqlite-repo'

const OWNER = 'owner-a'
const OTHER = 'owner-b'
const STAFF = 'staff-1'
let repo: SqliteRecordRepo
useTempSqliteRepo('vls-evidence-claims-', (opened) => (repo = opened))
let uploads: Set<string>
let log: string[]
let clock: Date

let store: EvidenceStore

const handler = (evidence: EvidenceStore = store) =>
  createRecordsHandler({ repo, isStaff: async (openid) => openid === STAFF, evidence, now: () => clock })
let upload: (name: string, openid?: string) => string

beforeEach(() => {
  const fake = createFakeEvidenceStore()
  ;({ store, uploads, log } = fake)
  upload = (name, openid = OWNER) => fake.upload(name, openid)
  clock = new Date('2024-05-20T02:00:00.000Z')
})

async function created(evidence: Array<{ fileID: string; side: string }>, license = EXPECTED_LICENSE) {
  const reply = (await handler()({ action: 'create', license, evidence }, { openid: OWNER })) as { ok: boolean; record: { id: string; version: number } }
  expect(reply.ok).toBe(true)
  return reply.record
}

test('a photo the record keeps already is kept as it is, not claimed again', async () => {
  const record = await created([{ fileID: upload('f1'), side: 'front' }])
  const before = (await repo.get(record.id))!.evidence!
  log.splice(0)
  clock = new Date('2024-05-21T02:00:00.000Z')
  const reply = await handler()(
    { action: 'update', id: record.id, version: 1, license: { ...EXPECTED_LICENSE, owner: '李四' }, evidence: [{ fileID: `kept:${OWNER}:f1`, side: 'front' }] },
    { openid: OWNER },
  )
  expect(reply).toMatchObject({ ok: true, record: { version: 2, evidence: [{ side: 'front', attachedAt: before[0].attachedAt }] } })
  expect((await repo.get(record.id))!.evidence).toEqual(before)
  expect(log).toEqual([])
})

test('a kept photo given again for the other side moves there: one file never stands for both sides', async () => {
  const record = await created([{ fileID: upload('f1'), side: 'front' }])
  const reply = await handler()(
    { action: 'update', id: record.id, version: 1, license: EXPECTED_LICENSE, evidence: [{ fileID: `kept:${OWNER}:f1`, side: 'back' }] },
    { openid: OWNER },
  )
  expect(reply).toMatchObject({ ok: true, record: { version: 2, evidence: [{ side: 'back' }] } })
  const stored = (await repo.get(record.id))!.evidence!
  expect(stored.map((photo) => photo.side)).toEqual(['back'])
  expect(new Set(stored.map((photo) => photo.fileID)).size).toBe(stored.length)
})

test("a refusal part-way through releases what was claimed before it; another user's upload is named as such", async () => {
  const reply = await handler()(
    { action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID: upload('f1'), side: 'front' }, { fileID: upload('b1', OTHER), side: 'back' }] },
    { openid: OWNER },
  )
  expect(reply).toEqual({ ok: false, error: { code: 'UPLOAD_NOT_OWNED', message: expect.stringMatching(/本人/) } })
  expect(log).toEqual([`claim up:${OWNER}:f1`, `release kept:${OWNER}:f1`])
  expect(uploads.has(`up:${OWNER}:f1`)).toBe(true)
  expect((await repo.listByOwner(OWNER, { limit: 10 })).records).toEqual([])
})

test("any other claim error is answered as the store gave it", async () => {
  const reply = await handler()({ action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID: `up:${OWNER}:never-uploaded`, side: 'front' }] }, { openid: OWNER })
  expect(reply).toEqual({ ok: false, error: { code: 'UPLOAD_MISSING', message: '照片已过期，请重新拍摄' } })
})

test('a settle that fails after the write is logged, and the write stands', async () => {
  const failing: EvidenceStore = { ...store, kept: async () => Promise.reject(new Error('storage down')) }
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    const reply = await handler(failing)({ action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID: upload('f1'), side: 'front' }] }, { openid: OWNER })
    expect(reply).toMatchObject({ ok: true, record: { evidence: [{ side: 'front' }] } })
    expect(errors).toHaveBeenCalled()
  } finally {
    errors.mockRestore()
  }
})

test('links: the owner and staff get them; anyone else gets NOT_FOUND without storage being asked', async () => {
  const record = await created([{ fileID: upload('f1'), side: 'front' }])
  log.splice(0)
  expect(await handler()({ action: 'evidenceUrl', id: record.id }, { openid: OWNER })).toEqual({ ok: true, photos: [{ side: 'front', url: 'u/front', expiresAt: 'x' }] })
  expect(await handler()({ action: 'evidenceUrl', id: record.id }, { openid: STAFF })).toMatchObject({ ok: true, photos: [{ side: 'front' }] })
  expect(log).toEqual(['links', 'links'])
  expect(await handler()({ action: 'evidenceUrl', id: record.id }, { openid: OTHER })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await handler()({ action: 'evidenceUrl', id: 'missing' }, { openid: STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(log).toEqual(['links', 'links'])
  const plain = await created([], { ...EXPECTED_LICENSE, vin: '' })
  expect(await handler()({ action: 'evidenceUrl', id: plain.id }, { openid: OWNER })).toEqual({ ok: true, photos: [] })
  expect(log).toEqual(['links', 'links'])
})

test('removeEvidence: only the owner; nothing to remove writes nothing; a lost race is a conflict and deletes no file', async () => {
  const plain = await created([], { ...EXPECTED_LICENSE, vin: '' })
  expect(await handler()({ action: 'removeEvidence', id: plain.id }, { openid: OWNER })).toMatchObject({ ok: true, record: { version: 1 } })
  expect((await repo.listAudit(plain.id)).map((entry) => entry.action)).toEqual(['create'])

  const record = await created([{ fileID: upload('f1'), side: 'front' }])
  expect(await handler()({ action: 'removeEvidence', id: record.id }, { openid: STAFF })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  log.splice(0)
  const racing = createRecordsHandler({
    repo: { ...repo, update: async () => ({ ok: false, reason: 'stale' }) },
    isStaff: async () => false,
    evidence: store,
    now: () => clock,
  })
  expect(await racing({ action: 'removeEvidence', id: record.id }, { openid: OWNER })).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } })
  expect(log).toEqual([])
  const done = await handler()({ action: 'removeEvidence', id: record.id }, { openid: OWNER })
  expect(done).toMatchObject({ ok: true, record: { version: 2, status: 'pending' } })
  expect(done).not.toHaveProperty('record.evidence')
  expect(log).toEqual([`remove kept:${OWNER}:f1`])
})
