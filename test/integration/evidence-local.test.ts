// Evidence photos on the local backend (SQLite + disk + the fastify routes over HTTP): the
// owner and staff get a photo of a record, anyone else NOT_FOUND with no link and no bytes; links
// are short-lived and die with the photo; photos go with their record, on replacement, on the
// owner's request and EVIDENCE_RETENTION_DAYS after the decision, each with an audit entry.
import type { FastifyInstance } from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { EXPECTED_LICENSE } from '../contract/fixtures'
import { createRecordsHandler } from '../../functions/records/handler'
import { sweepEvidence } from '../../functions/records/evidence-retention'
import { buildApp } from '../../server/app'
import { createLocalEvidenceStore, type LocalEvidenceStore } from '../../server/evidence-files'
import { createLocalFileStore, type LocalFileStore } from '../../server/files'
import { createLocalIsStaff, openSqliteRepo, type SqliteRecordRepo } from '../../server/records'
import { startEvidenceSweep } from '../../server/evidence-sweep'

const OWNER = 'dev-user'
const OTHER = 'dev-user-2'
const STAFF = 'dev-staff'
const PHOTO = fs.readFileSync(path.join(__dirname, '../fixtures/licenses/front-clean.jpg'))
const DAY = 24 * 3600 * 1000

let dataDir: string
let repo: SqliteRecordRepo
let files: LocalFileStore
let evidence: LocalEvidenceStore
let app: FastifyInstance
let clock: Date
let base: string

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-evidence-'))
  clock = new Date('2024-05-20T02:00:00.000Z')
  const now = () => clock
  repo = openSqliteRepo(dataDir)
  files = createLocalFileStore(path.join(dataDir, 'uploads'))
  evidence = createLocalEvidenceStore({ dir: path.join(dataDir, 'evidence'), uploadsDir: path.join(dataDir, 'uploads'), files, repo, now })
  const records = createRecordsHandler({ repo, isStaff: createLocalIsStaff([STAFF]), evidence, now })
  app = await buildApp({ functions: { records }, files, evidence, staticDir: null, isAllowedHost: () => true })
  base = await app.listen({ port: 0, host: '127.0.0.1' })
})
afterEach(async () => {
  await app.close()
  repo.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

type Reply = { ok: boolean; error?: { code: string; message: string }; [key: string]: unknown }

interface Served {
  statusCode: number
  headers: Record<string, string>
  rawPayload: Buffer
  json(): unknown
}

/** Fastify's inject() pulls in an ESM-only cookie module under jest, so these go over real HTTP. */
async function inject(request: { method: string; url: string; headers?: Record<string, string>; payload?: object | Buffer }): Promise<Served> {
  const isJson = request.payload !== undefined && !Buffer.isBuffer(request.payload)
  const response = await fetch(base + request.url, {
    method: request.method,
    headers: { ...(isJson ? { 'content-type': 'application/json' } : {}), ...request.headers },
    body: request.payload === undefined ? undefined : isJson ? JSON.stringify(request.payload) : (request.payload as Buffer),
  })
  const rawPayload = Buffer.from(await response.arrayBuffer())
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  return {
    statusCode: response.status,
    headers,
    rawPayload,
    json: () => JSON.parse(rawPayload.toString('utf8')),
  }
}

async function fn(openid: string, event: object): Promise<Reply> {
  const response = await inject({ method: 'POST', url: '/api/fn/records', headers: { 'x-dev-openid': openid }, payload: event })
  return response.json() as Reply
}

async function upload(openid: string, bytes: Buffer = PHOTO): Promise<string> {
  const boundary = 'vls-evidence-boundary'
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const response = await inject({
    method: 'POST',
    url: '/api/upload',
    headers: { 'x-dev-openid': openid, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  })
  return (response.json() as { fileID: string }).fileID
}

async function createWith(openid: string, sides: Array<'front' | 'back'> = ['front'], license = EXPECTED_LICENSE) {
  const photos = []
  for (const side of sides) photos.push({ side, fileID: await upload(openid) })
  const reply = await fn(openid, { action: 'create', license, evidence: photos })
  expect(reply).toMatchObject({ ok: true })
  return (reply as unknown as { record: { id: string; version: number } }).record
}

const photoUrls = async (openid: string, id: string) => {
  const reply = await fn(openid, { action: 'evidenceUrl', id })
  return reply.ok ? (reply.photos as Array<{ side: string; url: string; expiresAt: string }>) : reply
}
const fetchPhoto = (url: string) => inject({ method: 'GET', url })
const evidenceFiles = () => (fs.existsSync(path.join(dataDir, 'evidence')) ? fs.readdirSync(path.join(dataDir, 'evidence')) : [])
const auditOf = async (id: string) => (await repo.listAudit(id)).filter((entry) => entry.action === 'evidenceDeleted')

describe('attach', () => {
  test('create keeps the photo: answers name sides only, lists say hasEvidence, the upload sweep leaves it alone', async () => {
    const fileID = await upload(OWNER)
    const reply = await fn(OWNER, { action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID, side: 'front' }] })
    expect(reply).toMatchObject({ ok: true, record: { evidence: [{ side: 'front', attachedAt: clock.toISOString() }] } })
    const id = (reply.record as { id: string }).id
    for (const answer of [reply, await fn(OWNER, { action: 'get', id }), await fn(STAFF, { action: 'staffGet', id })]) {
      expect(JSON.stringify(answer)).not.toMatch(/local:|evidence:|fileID|decidedAt/)
    }
    const list = await fn(OWNER, { action: 'list' })
    expect(list.records).toEqual([expect.objectContaining({ id, hasEvidence: true })])
    expect(JSON.stringify(list)).not.toMatch(/"evidence"|local:|evidence:/)
    const queue = await fn(STAFF, { action: 'staffQueue' })
    expect(queue.records).toEqual([expect.objectContaining({ id, hasEvidence: true })])
    // Moved out of the upload area: a sweep of every upload does not touch it.
    await files.sweep(new Date(clock.getTime() + 365 * DAY))
    expect(evidenceFiles()).toHaveLength(1)
    const [photo] = (await photoUrls(OWNER, id)) as Array<{ url: string }>
    expect((await fetchPhoto(photo.url)).rawPayload.equals(PHOTO)).toBe(true)
  })

  test("another user's upload, a stored id or a made-up id cannot be attached, and nothing moves", async () => {
    const victim = await upload(OTHER)
    expect(await fn(OWNER, { action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID: victim, side: 'front' }] })).toMatchObject({
      ok: false,
      error: { code: 'UPLOAD_NOT_OWNED' },
    })
    const kept = await createWith(OTHER)
    const stored = (await repo.get(kept.id))!.evidence![0].fileID
    for (const fileID of [stored, 'local://../records.sqlite', `local://${path.basename(victim)}`, 'cloud://env.bucket/evidence/dev-user/0123456789abcdef01234567.jpg']) {
      const reply = await fn(OWNER, { action: 'create', license: EXPECTED_LICENSE, evidence: [{ fileID, side: 'front' }] })
      expect(reply).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(UPLOAD_NOT_OWNED|INVALID_INPUT)$/) } })
    }
    expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toHaveLength(1)
    expect((await repo.listByOwner(OWNER, { limit: 10 })).records).toEqual([])
  })

  test('two photos of one side, one photo for both sides, three photos or an unknown side are refused', async () => {
    const a = await upload(OWNER)
    const b = await upload(OWNER)
    const bad = [
      [{ fileID: a, side: 'front' }, { fileID: b, side: 'front' }],
      [{ fileID: a, side: 'front' }, { fileID: b, side: 'back' }, { fileID: a, side: 'back' }],
      [{ fileID: a, side: 'side' }],
      [{ fileID: a, side: 'front' }, { fileID: a, side: 'back' }],
    ]
    for (const photos of bad) {
      expect(await fn(OWNER, { action: 'create', license: EXPECTED_LICENSE, evidence: photos })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  test('a retried create (same clientId) answers the stored record without claiming again', async () => {
    const fileID = await upload(OWNER)
    const event = { action: 'create', license: EXPECTED_LICENSE, clientId: 'once', evidence: [{ fileID, side: 'front' }] }
    const first = await fn(OWNER, event)
    expect(await fn(OWNER, event)).toEqual(first)
  })
})

describe('access', () => {
  test('owner and staff get working links; another user gets NOT_FOUND for any id', async () => {
    const record = await createWith(OWNER, ['front', 'back'])
    const own = (await photoUrls(OWNER, record.id)) as Array<{ side: string; url: string; expiresAt: string }>
    expect(own.map((photo) => photo.side).sort()).toEqual(['back', 'front'])
    expect(own[0]).toMatchObject({ url: expect.stringMatching(/^\/api\/evidence\/[\w-]+\.[\w-]{43}$/), expiresAt: new Date(clock.getTime() + 600_000).toISOString() })
    const staff = (await photoUrls(STAFF, record.id)) as Array<{ url: string }>
    expect(staff).toHaveLength(2)
    // No identity header: the token alone serves the bytes, privately.
    const served = await fetchPhoto(own[0].url)
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/jpeg')
    expect(served.headers['cache-control']).toBe('private, no-store')
    expect(served.rawPayload.equals(PHOTO)).toBe(true)

    expect(await photoUrls(OTHER, record.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await photoUrls(OTHER, 'no-such-record')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await fn(OTHER, { action: 'removeEvidence', id: record.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(evidenceFiles()).toHaveLength(2)
  })

  test('forged, altered and expired tokens serve nothing', async () => {
    const record = await createWith(OWNER, ['front', 'back'])
    const [front] = (await photoUrls(OWNER, record.id)) as Array<{ side: string; url: string }>
    const token = front.url.split('/').pop()!
    const [payload, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const other = Buffer.from(JSON.stringify({ ...claims, s: claims.s === 'front' ? 'back' : 'front' })).toString('base64url')
    const longer = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 365 * DAY })).toString('base64url')
    for (const forged of [`${other}.${signature}`, `${longer}.${signature}`, `${payload}.${'A'.repeat(43)}`, '..%2f..%2frecords.sqlite', payload]) {
      expect((await fetchPhoto(`/api/evidence/${forged}`)).statusCode).toBe(404)
    }
    clock = new Date(clock.getTime() + 600_001)
    expect((await fetchPhoto(front.url)).statusCode).toBe(404)
  })

  test('a record without photos answers an empty list; evidenceTarget has no path locally', async () => {
    const reply = await fn(OWNER, { action: 'create', license: EXPECTED_LICENSE })
    expect(await photoUrls(OWNER, (reply.record as { id: string }).id)).toEqual([])
    expect(await fn(OWNER, { action: 'evidenceTarget' })).toEqual({ ok: true, cloudPath: null, expiresAt: expect.any(String) })
  })
})

describe('deletion', () => {
  test('removing the record deletes its photos and revokes its links, with an audit entry', async () => {
    const record = await createWith(OWNER)
    const [front] = (await photoUrls(OWNER, record.id)) as Array<{ url: string }>
    expect(await fn(OWNER, { action: 'remove', id: record.id })).toMatchObject({ ok: true })
    expect((await fetchPhoto(front.url)).statusCode).toBe(404)
    expect(evidenceFiles()).toEqual([])
    expect(await auditOf(record.id)).toEqual([expect.objectContaining({ reason: 'record-removed', actor: OWNER })])
  })

  test('a rescan replaces the photo of its side and keeps the back page; the old link dies', async () => {
    const record = await createWith(OWNER, ['front', 'back'])
    const before = (await photoUrls(OWNER, record.id)) as Array<{ side: string; url: string }>
    const back = (await repo.get(record.id))!.evidence!.find((photo) => photo.side === 'back')!
    const fresh = await upload(OWNER)
    // The client knows sides only: it sends the new front; the back page it does not name is kept.
    const reply = await fn(OWNER, { action: 'update', id: record.id, version: record.version, license: EXPECTED_LICENSE, evidence: [{ fileID: fresh, side: 'front' }] })
    expect(reply).toMatchObject({ ok: true, record: { version: 2, status: 'pending', evidence: [{ side: 'front' }, { side: 'back', attachedAt: back.attachedAt }] } })
    expect((await fetchPhoto(before.find((photo) => photo.side === 'front')!.url)).statusCode).toBe(404)
    expect((await fetchPhoto(before.find((photo) => photo.side === 'back')!.url)).statusCode).toBe(200)
    expect(evidenceFiles()).toHaveLength(2)
    expect(await auditOf(record.id)).toEqual([expect.objectContaining({ reason: 'replaced' })])
  })

  test('the owner drops the photos; status and review stay', async () => {
    const record = await createWith(OWNER)
    const reply = await fn(OWNER, { action: 'removeEvidence', id: record.id })
    expect(reply).toMatchObject({ ok: true, record: { status: 'pending', version: 2 } })
    expect((reply.record as object)).not.toHaveProperty('evidence')
    expect(evidenceFiles()).toEqual([])
    expect(await photoUrls(OWNER, record.id)).toEqual([])
    expect(await auditOf(record.id)).toEqual([expect.objectContaining({ reason: 'owner' })])
  })

  test('retention: photos go EVIDENCE_RETENTION_DAYS after the decision, not before; reopening keeps them', async () => {
    const kept = await createWith(OWNER)
    const expiring = await createWith(OWNER, ['front'], { ...EXPECTED_LICENSE, vin: '' })
    const decidedAt = clock
    expect(await fn(STAFF, { action: 'verify', id: expiring.id, version: 1 })).toMatchObject({ ok: true })
    expect(await fn(STAFF, { action: 'reject', id: kept.id, version: 1, reason: '照片模糊' })).toMatchObject({ ok: true })
    expect(await fn(STAFF, { action: 'reopen', id: kept.id })).toMatchObject({ ok: true })
    const [link] = (await photoUrls(OWNER, expiring.id)) as Array<{ url: string }>
    const deps = { repo, store: evidence, retentionDays: 30 }

    expect(await sweepEvidence(deps, new Date(decidedAt.getTime() + 30 * DAY - 1))).toEqual({ records: 0, photos: 0 })
    expect(evidenceFiles()).toHaveLength(2)
    expect(await sweepEvidence(deps, new Date(decidedAt.getTime() + 30 * DAY))).toEqual({ records: 1, photos: 1 })
    expect(evidenceFiles()).toHaveLength(1)
    expect((await fetchPhoto(link.url)).statusCode).toBe(404)
    const after = (await fn(OWNER, { action: 'get', id: expiring.id })).record
    expect(after).toMatchObject({ status: 'verified', updatedAt: decidedAt.toISOString(), version: 3 })
    expect(after).not.toHaveProperty('evidence')
    const [entry] = await auditOf(expiring.id)
    expect(entry).toMatchObject({ reason: 'retention', actor: 'system', previousStatus: 'verified', nextStatus: 'verified' })
    expect(JSON.stringify(entry)).not.toMatch(/evidence:|local:|dev-user/)
    expect(await photoUrls(OWNER, kept.id)).toHaveLength(1)
  })

  test('EVIDENCE_RETENTION_DAYS=0 deletes at the next sweep', async () => {
    const record = await createWith(OWNER)
    await fn(STAFF, { action: 'reject', id: record.id, version: 1, reason: '不清晰' })
    expect(await sweepEvidence({ repo, store: evidence, retentionDays: 0 }, clock)).toEqual({ records: 1, photos: 1 })
    expect(evidenceFiles()).toEqual([])
  })

  test('CSV export carries no photo', async () => {
    const record = await createWith(OWNER)
    await fn(STAFF, { action: 'verify', id: record.id, version: 1 })
    const csv = await fn(STAFF, { action: 'exportCsv', from: '2024-05-01', to: '2024-05-31' })
    expect(csv).toMatchObject({ ok: true, count: 1 })
    expect(String(csv.csv)).not.toMatch(/evidence|local:|照片/)
  })

  test('the periodic local sweep: retention on its clock, and a claimed photo no record keeps goes an hour after its claim', async () => {
    const record = await createWith(OWNER)
    await fn(STAFF, { action: 'verify', id: record.id, version: 1 })
    const kept = await createWith(OWNER, ['front'], { ...EXPECTED_LICENSE, vin: '' })
    // A claim whose write never came (the process died in between).
    const orphan = await evidence.claim(await upload(OWNER), OWNER)
    expect(orphan.ok).toBe(true)
    expect(evidenceFiles()).toHaveLength(3)

    let ticks = 0
    const sweep = startEvidenceSweep({ repo, store: evidence, retentionDays: 1, now: () => clock, every: () => (ticks++, () => undefined) })
    expect(await sweep.sweepNow()).toEqual({ records: 0, photos: 0 })
    expect(evidenceFiles()).toHaveLength(3)
    clock = new Date(clock.getTime() + DAY)
    expect(await sweep.sweepNow()).toEqual({ records: 1, photos: 1 })
    // The orphan was claimed a day ago by now: gone; the pending record's photo stays.
    expect(evidenceFiles()).toHaveLength(1)
    expect(await photoUrls(OWNER, kept.id)).toHaveLength(1)
    await sweep.stop()
    expect(ticks).toBe(1)
  })
})
