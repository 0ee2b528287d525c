// Evidence photos on CloudBase, with the functions as deployed on each Node runtime: the same rules
// the local backend shows in test/integration/evidence-local.test.ts. Photos live under
// evidence/<openid>/ (creator-only storage rule); owner and staff get getTempFileURL links from the
// records function, anyone else NOT_FOUND with no storage touched; photos go with their record and
// EVIDENCE_RETENTION_DAYS after the decision (cleanupUploads), never-attached uploads within a day.
import { EXPECTED_LICENSE } from '../contract/fixtures'
import { CLOUD_NODE_VERSIONS } from './function-runtime'
import { call, LICENSE_PHOTO, scan, startCloud, type Cloud, type FnReply } from './scenario'

const ALICE = 'oAlice000000000000000000000a'
const BOB = 'oBob00000000000000000000000b'
const STAFF = 'oStaff00000000000000000000st'
const LONG_AGO = '2000-01-01T00:00:00.000Z'
const TIMER = { Type: 'Timer', TriggerName: 'hourlyCleanup', Time: '2024-05-20T00:00:00Z' }

type Photo = { side: string; url: string; expiresAt: string }

/** The mini program's side: a target from records, then wx.cloud.uploadFile under the storage rule. */
async function uploadEvidence(cloud: Cloud, openid: string): Promise<string> {
  const target = await call(cloud.records, { action: 'evidenceTarget' }, openid)
  if (!target.ok) throw new Error(`evidenceTarget failed: ${JSON.stringify(target)}`)
  return cloud.env.clientUpload(openid, String(target.cloudPath), LICENSE_PHOTO)
}

async function createWith(cloud: Cloud, openid: string, sides: string[] = ['front'], license = EXPECTED_LICENSE) {
  const evidence = []
  for (const side of sides) evidence.push({ side, fileID: await uploadEvidence(cloud, openid) })
  const reply = await call(cloud.records, { action: 'create', license, evidence }, openid)
  if (!reply.ok) throw new Error(`create failed: ${JSON.stringify(reply)}`)
  return { record: reply.record as { id: string; version: number }, fileIDs: evidence.map((photo) => photo.fileID) }
}

const photosOf = (reply: FnReply) => (reply.ok ? (reply.photos as Photo[]) : reply)
const evidenceAudit = (cloud: Cloud, recordId: string) =>
  cloud.env.db.dump('audit').filter((entry) => entry.recordId === recordId && entry.action === 'evidenceDeleted')

describe.each(CLOUD_NODE_VERSIONS)('evidence photos on Node %s', (version) => {
  let cloud: Cloud
  afterEach(() => cloud?.stop())

  test('attach: a target under the own evidence prefix; answers name sides only; lists say hasEvidence', async () => {
    cloud = startCloud(version, { records: { env: { STAFF_OPENIDS: STAFF } } })
    const target = await call(cloud.records, { action: 'evidenceTarget' }, ALICE)
    expect(target).toMatchObject({ ok: true, cloudPath: expect.stringMatching(new RegExp(`^evidence/${ALICE}/[0-9a-f]{24}\\.jpg$`)), expiresAt: expect.any(String) })
    const { record, fileIDs } = await createWith(cloud, ALICE, ['front', 'back'])
    expect(record).toMatchObject({ evidence: [{ side: 'front' }, { side: 'back' }] })
    const answers = [
      await call(cloud.records, { action: 'get', id: record.id }, ALICE),
      await call(cloud.records, { action: 'staffGet', id: record.id }, STAFF),
      await call(cloud.records, { action: 'list', limit: 20 }, ALICE),
      await call(cloud.records, { action: 'staffQueue', limit: 20 }, STAFF),
    ]
    for (const answer of answers) expect(JSON.stringify(answer)).not.toMatch(/cloud:|evidence\/|fileID|decidedAt/)
    expect(answers[2]).toMatchObject({ records: [expect.objectContaining({ hasEvidence: true })] })
    // Attached: their upload targets are settled (only the unused first one is left), the files stay.
    expect(cloud.env.db.dump('upload_targets')).toEqual([expect.objectContaining({ cloudPath: target.ok && target.cloudPath })])
    expect(fileIDs.every((fileID) => cloud.env.files.has(fileID))).toBe(true)
  })

  test("another user's photo, a recognition upload or another prefix cannot be attached, before storage is asked", async () => {
    cloud = startCloud(version)
    const victim = await uploadEvidence(cloud, BOB)
    const recognitionTarget = await call(cloud.recognize, { action: 'uploadTarget' }, ALICE)
    const ownUpload = cloud.env.clientUpload(ALICE, String(recognitionTarget.ok && recognitionTarget.cloudPath), LICENSE_PHOTO)
    const attempts = [
      victim,
      ownUpload,
      cloud.env.fileIdOf(`evidence/${ALICE}/../${BOB}/0123456789abcdef01234567.jpg`),
      `cloud://other-env-9x.7072-other-env-9x-1314159265/evidence/${ALICE}/0123456789abcdef01234567.jpg`,
    ]
    for (const fileID of attempts) {
      const reply = await call(cloud.records, { action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID, side: 'front' }] }, ALICE)
      expect(reply).toMatchObject({ ok: false, error: { code: 'UPLOAD_NOT_OWNED', message: expect.stringMatching(/本人/) } })
    }
    expect(cloud.env.functionStorageOps()).toEqual([])
    // An own path that was never uploaded: UPLOAD_MISSING.
    const target = await call(cloud.records, { action: 'evidenceTarget' }, ALICE)
    const missing = cloud.env.fileIdOf(String(target.ok && target.cloudPath))
    expect(await call(cloud.records, { action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID: missing, side: 'front' }] }, ALICE)).toMatchObject({
      ok: false,
      error: { code: 'UPLOAD_MISSING' },
    })
    expect(cloud.env.db.dump('records')).toEqual([])
  })

  test('access: owner and staff get 10-minute temp URLs; another user NOT_FOUND with no link asked for', async () => {
    cloud = startCloud(version, { records: { env: { STAFF_OPENIDS: STAFF } } })
    const { record, fileIDs } = await createWith(cloud, ALICE, ['front', 'back'])
    const own = photosOf(await call(cloud.records, { action: 'evidenceUrl', id: record.id }, ALICE)) as Photo[]
    expect(own.map((photo) => photo.side)).toEqual(['front', 'back'])
    for (const photo of own) expect(photo.url).toMatch(/^https:\/\/.*\?sign=stand-in&t=600$/)
    expect(photosOf(await call(cloud.records, { action: 'evidenceUrl', id: record.id }, STAFF))).toHaveLength(2)
    const linksBefore = cloud.env.storageLog.filter((event) => event.op === 'tempUrl').length

    for (const id of [record.id, 'no-such-record']) {
      expect(await call(cloud.records, { action: 'evidenceUrl', id }, BOB)).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) })
    }
    expect(await call(cloud.records, { action: 'removeEvidence', id: record.id }, BOB)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(cloud.env.storageLog.filter((event) => event.op === 'tempUrl').length).toBe(linksBefore)
    expect(cloud.env.functionStorageOps().filter((event) => event.op === 'delete')).toEqual([])
    // Under the creator-only rule Bob cannot delete it from the client either.
    expect(cloud.env.clientDelete(BOB, fileIDs[0])).not.toBe(0)
    expect(fileIDs.every((fileID) => cloud.env.files.has(fileID))).toBe(true)
  })

  test('deleting the record deletes its photos: no link any more, an audit entry without personal data', async () => {
    cloud = startCloud(version)
    const { record, fileIDs } = await createWith(cloud, ALICE)
    expect(await call(cloud.records, { action: 'remove', id: record.id }, ALICE)).toMatchObject({ ok: true })
    expect(fileIDs.some((fileID) => cloud.env.files.has(fileID))).toBe(false)
    expect(await call(cloud.records, { action: 'evidenceUrl', id: record.id }, ALICE)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const entries = evidenceAudit(cloud, record.id)
    expect(entries).toEqual([expect.objectContaining({ reason: 'record-removed', nextStatus: null })])
    expect(JSON.stringify(entries)).not.toMatch(/cloud:|evidence\//)
  })

  test('a rescan under review replaces the front photo and keeps the back page', async () => {
    cloud = startCloud(version)
    const { record, fileIDs } = await createWith(cloud, ALICE, ['front', 'back'])
    const fresh = await uploadEvidence(cloud, ALICE)
    const reply = await call(
      cloud.records,
      { action: 'update', id: record.id, version: 1, license: EXPECTED_LICENSE, evidence: [{ fileID: fresh, side: 'front' }, { fileID: fileIDs[1], side: 'back' }] },
      ALICE,
    )
    expect(reply).toMatchObject({ ok: true, record: { version: 2, evidence: [{ side: 'front' }, { side: 'back' }] } })
    expect(cloud.env.files.has(fileIDs[0])).toBe(false)
    expect(cloud.env.files.has(fileIDs[1])).toBe(true)
    expect(cloud.env.files.has(fresh)).toBe(true)
    expect(evidenceAudit(cloud, record.id)).toEqual([expect.objectContaining({ reason: 'replaced' })])
  })

  test('retention: cleanupUploads deletes photos once the decision is EVIDENCE_RETENTION_DAYS old, not before, not after a reopen', async () => {
    cloud = startCloud(version, { records: { env: { STAFF_OPENIDS: STAFF } }, cleanup: { env: { EVIDENCE_RETENTION_DAYS: '30' } } })
    const due = await createWith(cloud, ALICE)
    const reopened = await createWith(cloud, ALICE, ['front'], { ...EXPECTED_LICENSE, vin: '' })
    expect(await call(cloud.records, { action: 'verify', id: due.record.id, version: 1 }, STAFF)).toMatchObject({ ok: true })
    expect(await call(cloud.records, { action: 'reject', id: reopened.record.id, version: 1, reason: '照片模糊' }, STAFF)).toMatchObject({ ok: true })
    expect(await call(cloud.records, { action: 'reopen', id: reopened.record.id }, STAFF)).toMatchObject({ ok: true })

    // Decided just now: kept.
    expect(await call(cloud.cleanup, TIMER)).toMatchObject({ ok: true, evidenceRecords: 0 })
    expect(cloud.env.files.has(due.fileIDs[0])).toBe(true)

    // The decision moved 31 days back in the database.
    const [stored] = cloud.env.db.dump('records').filter((doc) => doc._id === due.record.id)
    const monthAgo = new Date(Date.parse(String(stored.decidedAt)) - 31 * 24 * 3600 * 1000).toISOString()
    await cloud.env.db.collection('records').doc(due.record.id).update({ data: { decidedAt: monthAgo } })
    expect(await call(cloud.cleanup, TIMER)).toMatchObject({ ok: true, evidenceRecords: 1, evidencePhotos: 1 })
    expect(cloud.env.files.has(due.fileIDs[0])).toBe(false)
    expect(cloud.env.files.has(reopened.fileIDs[0])).toBe(true)
    const after = await call(cloud.records, { action: 'get', id: due.record.id }, ALICE)
    expect(after).toMatchObject({ ok: true, record: { status: 'verified', updatedAt: String(stored.updatedAt) } })
    expect((after as unknown as { record: object }).record).not.toHaveProperty('evidence')
    expect(await call(cloud.records, { action: 'evidenceUrl', id: due.record.id }, STAFF)).toEqual({ ok: true, photos: [] })
    expect(evidenceAudit(cloud, due.record.id)).toEqual([expect.objectContaining({ reason: 'retention', actor: 'system', nextStatus: 'verified' })])
    expect(cloud.cleanup.logs().join('\n')).not.toMatch(/cloud:|evidence\/|oAlice/)
  })

  test('an evidence upload never attached is swept within a day; an attached one whose target lingered is kept', async () => {
    cloud = startCloud(version)
    const { fileIDs } = await createWith(cloud, ALICE) // reveals the bucket, settles its target
    const abandoned = await uploadEvidence(cloud, ALICE)
    // An attached photo whose target was never settled (the settle after the write failed).
    const lingering = await uploadEvidence(cloud, ALICE)
    await call(cloud.records, { action: 'create', license: { ...EXPECTED_LICENSE, vin: '' }, evidence: [{ fileID: lingering, side: 'front' }] }, ALICE)
    const targetIdOf = (fileID: string) => fileID.split('/').pop()!.replace('.jpg', '')
    await cloud.env.db.collection('upload_targets').add({ data: { _id: targetIdOf(lingering), openid: ALICE, cloudPath: lingering.replace(/^cloud:\/\/[^/]+\//, ''), createdAt: LONG_AGO, expiresAt: LONG_AGO } })
    for (const doc of cloud.env.db.dump('upload_targets')) {
      await cloud.env.db.collection('upload_targets').doc(String(doc._id)).update({ data: { expiresAt: LONG_AGO } })
    }
    expect(await call(cloud.cleanup, TIMER)).toMatchObject({ ok: true, deleted: 1, kept: 1 })
    expect(cloud.env.files.has(abandoned)).toBe(false)
    expect(cloud.env.files.has(lingering)).toBe(true)
    expect(cloud.env.files.has(fileIDs[0])).toBe(true)
    expect(cloud.env.db.dump('upload_targets')).toEqual([])
  })

  test('the owner drops the photos; a recognition scan does not need evidence', async () => {
    cloud = startCloud(version)
    const { record, fileIDs } = await createWith(cloud, ALICE)
    expect(await call(cloud.records, { action: 'removeEvidence', id: record.id }, ALICE)).toMatchObject({ ok: true, record: { version: 2 } })
    expect(cloud.env.files.has(fileIDs[0])).toBe(false)
    expect(evidenceAudit(cloud, record.id)).toEqual([expect.objectContaining({ reason: 'owner', actor: ALICE })])
    expect((await scan(cloud, ALICE)).reply.ok).toBe(true)
  })
})
