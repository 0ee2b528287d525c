// What the records store reads back from the device (records-model.ts): a stale, partial or
// hand-edited cache degrades to what still makes sense (never a crash, never a write that cannot
// be sent), and the small helpers the store and pages share.
import { license, localRecord } from '../../test/store/fixtures'
import { emptyLicense } from '../domain/license'
import type { ServerRecord } from './records-api'
import {
  byNewest,
  evidencePaths,
  fromServer,
  insertByNewest,
  isLocalId,
  randomUuid,
  recordLabel,
  toLocalRecord,
  toOutboxOp,
  toRecordsData,
  toSyncError,
  type OutboxOp,
} from './records-model'

const server = (overrides: Partial<ServerRecord> = {}): ServerRecord => ({
  id: 'srv-1',
  license: license(),
  recognized: null,
  status: 'verified',
  version: 3,
  createdAt: '2024-06-01T08:00:00.000Z',
  updatedAt: '2024-06-02T08:00:00.000Z',
  ...overrides,
})

describe('fromServer', () => {
  it('is the server record, synced, with copies of what it holds', () => {
    const answer = server({ recognized: license({ owner: '识别' }), rejectReason: '照片不清', evidence: [{ side: 'front', attachedAt: 't' }] })
    const record = fromServer(answer)
    expect(record).toEqual({ ...answer, sync: 'synced' })
    expect(record.license).not.toBe(answer.license)
    expect(record.recognized).not.toBe(answer.recognized)
    expect(record.evidence).not.toBe(answer.evidence)
  })

  it('keeps hasEvidence only when true, and leaves out what the server left out', () => {
    expect(fromServer(server({ hasEvidence: true })).hasEvidence).toBe(true)
    expect(fromServer(server({ hasEvidence: false }))).not.toHaveProperty('hasEvidence')
    const plain = fromServer(server())
    expect(plain).not.toHaveProperty('rejectReason')
    expect(plain).not.toHaveProperty('evidence')
    expect(fromServer(server({ rejectReason: '' }))).toHaveProperty('rejectReason', '')
  })
})

describe('toLocalRecord (a cached record)', () => {
  it('keeps a well-formed record, its sync state, error and conflict', () => {
    const conflict = { server: server({ version: 4 }) }
    const stored = { ...localRecord({ sync: 'conflict' }), syncError: { code: 'VERSION_CONFLICT', message: '冲突', existingId: 'srv-2' }, conflict }
    expect(toLocalRecord(JSON.parse(JSON.stringify(stored)))).toEqual(stored)
  })

  it('a write in flight when the app was killed is pending again; an unknown sync state is pending', () => {
    expect(toLocalRecord(localRecord({ sync: 'syncing' }))!.sync).toBe('pending')
    expect(toLocalRecord({ ...localRecord(), sync: 'flying' })!.sync).toBe('pending')
    expect(toLocalRecord({ ...localRecord(), sync: undefined })!.sync).toBe('pending')
    for (const sync of ['synced', 'pending', 'error', 'conflict'] as const) expect(toLocalRecord(localRecord({ sync }))!.sync).toBe(sync)
  })

  it('drops a malformed error or conflict, keeps the record', () => {
    const base = localRecord({ sync: 'error' })
    for (const syncError of [null, 'x', { code: 'X' }, { message: 'm' }, { code: 1, message: 'm' }]) {
      expect(toLocalRecord({ ...base, syncError })).not.toHaveProperty('syncError')
    }
    expect(toLocalRecord({ ...base, syncError: { code: 'X', message: 'm', existingId: 7 } })!.syncError).toEqual({ code: 'X', message: 'm' })
    for (const conflict of [null, 'x', {}, { server: { id: 'srv-1' } }]) {
      expect(toLocalRecord({ ...base, conflict })).not.toHaveProperty('conflict')
    }
  })

  it('is null for what is not a record', () => {
    for (const value of [null, 'srv-1', [localRecord()], { id: 'srv-1' }, { ...localRecord(), id: '' }, { ...localRecord(), version: '1' }]) {
      expect(toLocalRecord(value)).toBeNull()
    }
  })
})

describe('toOutboxOp (a queued write)', () => {
  const create = { kind: 'create', opId: 'o1', recordId: 'local-u1', attempts: 0, clientId: 'u1', license: license(), recognized: null }
  const update = { kind: 'update', opId: 'o2', recordId: 'srv-1', attempts: 2, version: 3, license: license({ owner: '李四' }), before: license() }
  const remove = { kind: 'remove', opId: 'o3', recordId: 'srv-1', attempts: 0, version: 3, removed: localRecord() }

  it('keeps well-formed ops as they were queued', () => {
    for (const op of [create, update, remove]) expect(toOutboxOp(JSON.parse(JSON.stringify(op)))).toEqual(op)
    const withPhotos = { ...create, recognized: license(), evidence: [{ side: 'front', path: 'wxfile://a.jpg' }, { side: 'back', path: 'wxfile://b.jpg' }] }
    expect(toOutboxOp(withPhotos)).toEqual(withPhotos)
    expect(toOutboxOp({ ...update, evidence: [] })).toEqual({ ...update, evidence: [] })
  })

  it('an op without a send count may have been sent: counted as sent once (never silently dropped or edited)', () => {
    const { attempts: _attempts, ...unknown } = update
    expect(toOutboxOp(unknown)!.attempts).toBe(1)
    expect(toOutboxOp({ ...update, attempts: '0' })!.attempts).toBe(1)
  })

  it('keeps only photos with a side and a path', () => {
    const evidence = [{ side: 'front', path: 'a' }, { side: 'top', path: 'b' }, { side: 'back', path: '' }, { side: 'back', path: 3 }, null, 'c', { side: 'back', path: 'd', extra: 1 }]
    expect(toOutboxOp({ ...create, evidence })).toEqual({ ...create, evidence: [{ side: 'front', path: 'a' }, { side: 'back', path: 'd' }] })
    expect(toOutboxOp({ ...create, evidence: 'a' })).toEqual(create)
  })

  it('drops an op that could not be sent as it is', () => {
    const broken: unknown[] = [
      null,
      [create],
      { ...create, opId: 1 },
      { ...create, recordId: undefined },
      { ...create, clientId: undefined },
      { ...create, license: 'x' },
      { ...update, before: undefined },
      { ...update, version: '3' },
      { ...update, license: null },
      { ...remove, removed: { id: 'srv-1' } },
      { ...remove, version: undefined },
      { ...remove, kind: 'delete' },
    ]
    for (const value of broken) expect(toOutboxOp(value)).toBeNull()
  })

  it('a remove keeps the record it would restore; an update queued on version 0 is kept', () => {
    expect((toOutboxOp(remove) as Extract<OutboxOp, { kind: 'remove' }>).removed).toEqual(localRecord())
    expect(toOutboxOp({ ...update, version: 0 })).toEqual({ ...update, version: 0 })
  })
})

describe('toRecordsData', () => {
  it('keeps what parses of each list, and nothing of what is not an object', () => {
    const data = toRecordsData({ records: [localRecord(), { id: 1 }], outbox: [{ kind: 'x' }] })
    expect(data).toEqual({ records: [localRecord()], outbox: [] })
    for (const value of [null, 'x', [], { records: 'x', outbox: {} }]) expect(toRecordsData(value)).toEqual({ records: [], outbox: [] })
  })
})

describe('helpers', () => {
  it('toSyncError keeps code, message and a string existingId, not the bulky current', () => {
    expect(toSyncError({ code: 'DUPLICATE_VIN', message: 'm', existingId: 'srv-2', current: server() })).toEqual({ code: 'DUPLICATE_VIN', message: 'm', existingId: 'srv-2' })
    expect(toSyncError({ code: 'X', message: 'm', existingId: 2 })).toEqual({ code: 'X', message: 'm' })
  })

  it('recordLabel names a record by plate, else VIN, else a word', () => {
    expect(recordLabel(license())).toBe('粤B12345')
    expect(recordLabel(license({ plateNum: '' }))).toBe(license().vin)
    expect(recordLabel(emptyLicense())).not.toBe('')
  })

  it('isLocalId tells records the server has not made yet', () => {
    expect(isLocalId('local-u1')).toBe(true)
    expect(isLocalId('srv-1')).toBe(false)
    expect(isLocalId('srv-local-1')).toBe(false)
  })

  it('byNewest and insertByNewest keep the list newest first', () => {
    const at = (id: string, createdAt: string) => localRecord({ id, createdAt })
    const a = at('a', '2024-06-03T00:00:00.000Z')
    const b = at('b', '2024-06-02T00:00:00.000Z')
    const c = at('c', '2024-06-01T00:00:00.000Z')
    expect([c, a, b].sort(byNewest)).toEqual([a, b, c])
    expect(byNewest(a, at('a2', a.createdAt))).toBe(0)
    expect(insertByNewest([a, c], b)).toEqual([a, b, c])
    expect(insertByNewest([b, c], a)).toEqual([a, b, c])
    expect(insertByNewest([a, b], c)).toEqual([a, b, c])
    expect(insertByNewest([], b)).toEqual([b])
    // Same time: goes before the one already there.
    const b2 = at('b2', b.createdAt)
    expect(insertByNewest([a, b, c], b2).map((r) => r.id)).toEqual(['a', 'b2', 'b', 'c'])
  })

  it('evidencePaths lists the photos creates and updates still need', () => {
    const ops = [
      { kind: 'create', opId: 'o1', recordId: 'l', attempts: 0, clientId: 'c', license: license(), recognized: null, evidence: [{ side: 'front', path: 'p1' }] },
      { kind: 'update', opId: 'o2', recordId: 's', attempts: 0, version: 1, license: license(), before: license(), evidence: [{ side: 'back', path: 'p2' }] },
      { kind: 'update', opId: 'o3', recordId: 's', attempts: 0, version: 1, license: license(), before: license() },
      { kind: 'remove', opId: 'o4', recordId: 's', attempts: 0, version: 1, removed: localRecord() },
    ] as OutboxOp[]
    expect([...evidencePaths(ops)].sort()).toEqual(['p1', 'p2'])
  })

  it('randomUuid makes RFC 4122 version 4 ids, with or without crypto.randomUUID', () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    expect(randomUuid()).toMatch(v4)
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true })
    try {
      const ids = Array.from({ length: 200 }, () => randomUuid())
      for (const id of ids) expect(id).toMatch(v4)
      expect(new Set(ids).size).toBe(ids.length)
      // Every variant nibble (8, 9, a, b) and every hex digit turn up.
      expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']))
      expect(new Set(ids.join('').replace(/-/g, ''))).toEqual(new Set('0123456789abcdef'))
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved)
      else delete (globalThis as { crypto?: unknown }).crypto
    }
  })
})
