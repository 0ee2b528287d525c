// One behavioural contract for every RecordRepo adapter (SQLite, CloudBase). Each adapter's test
// file calls recordRepoContract() with a factory that returns a fresh, empty repo. Writes carry
// their audit entry; uniqueness (id; owner + non-empty VIN) is answered with outcomes.
import { emptyLicense, type VehicleLicense } from '../../src/domain/license'
import type { AuditEntry, RecordStatus } from '../../src/contract/records'
import type { StoredRecord } from '../../functions/records/model'
import { MAX_PAGE_SIZE } from '../../src/contract/records-events'
import type { RecordRepo } from '../../functions/shared/repo/record-repo'

export interface ContractSubject {
  repo: RecordRepo
  close?: () => void | Promise<void>
}

export interface ContractOptions {
  /** Records in the bulk paging test: large where that is cheap (SQLite), smaller for the fake. */
  bulkSize: number
}

const T0 = Date.UTC(2024, 4, 1, 0, 0, 0)
/** The n-th minute after 2024-05-01T00:00Z, as stored (ISO). */
export const minute = (n: number): string => new Date(T0 + n * 60_000).toISOString()

export function licenseOf(overrides: Partial<VehicleLicense> = {}): VehicleLicense {
  return {
    ...emptyLicense(),
    plateNum: '粤B12345',
    vehicleType: '小型普通客车',
    owner: '张三',
    vin: 'LSVNV2183E2100108',
    passengersNum: 5,
    ...overrides,
  }
}

/** A record; unless `license` is given, its VIN is made from the id, so records never collide by accident. */
export function recordOf(overrides: Partial<StoredRecord> & { id: string }): StoredRecord {
  return {
    ownerOpenid: 'owner-a',
    license: licenseOf({ vin: `TESTVIN-${overrides.id}` }),
    recognized: null,
    status: 'pending',
    version: 1,
    createdAt: minute(0),
    updatedAt: minute(0),
    ...overrides,
  }
}

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id)

let auditCount = 0
/** An audit entry for a write of `record`; ids are unique across the run. */
export function auditOf(record: Pick<StoredRecord, 'id' | 'ownerOpenid'>, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `audit${String(++auditCount).padStart(6, '0')}`,
    recordId: record.id,
    actor: record.ownerOpenid,
    action: 'create',
    at: minute(0),
    previousStatus: null,
    nextStatus: 'pending',
    ...overrides,
  }
}

export const WRITTEN = { ok: true }
export const STALE = { ok: false, reason: 'stale' }
export const ID_TAKEN = { ok: false, reason: 'id-taken' }
export const vinTaken = (existingId: string) => ({ ok: false, reason: 'vin-taken', existingId })

export function recordRepoContract(name: string, open: () => Promise<ContractSubject> | ContractSubject, options: ContractOptions) {
  describe(`RecordRepo contract: ${name}`, () => {
    let subject: ContractSubject
    let repo: RecordRepo

    beforeEach(async () => {
      subject = await open()
      repo = subject.repo
    })

    afterEach(async () => {
      await subject.close?.()
    })

    /** Inserts a record that must be accepted. */
    const put = async (record: StoredRecord) => {
      expect(await repo.insert(record, auditOf(record))).toEqual(WRITTEN)
    }
    const insertAll = async (records: StoredRecord[]) => {
      for (const record of records) await put(record)
    }
    const update = (next: StoredRecord, expectedVersion: number) =>
      repo.update(next, expectedVersion, auditOf(next, { action: 'update', previousStatus: 'pending' }))
    const remove = (id: string, expectedVersion?: number) =>
      repo.remove(id, expectedVersion, auditOf({ id, ownerOpenid: 'owner-a' }, { action: 'remove', nextStatus: null }))

    describe('evidence photos', () => {
      const photo = (side: 'front' | 'back', fileID: string) => ({ side, fileID, attachedAt: minute(1) })

      it('keeps photos and the decision time, drops them on update, and writes several audit entries at once', async () => {
        const record = recordOf({ id: 'r1', evidence: [photo('front', 'evidence:f1.jpg'), photo('back', 'evidence:b1.jpg')] })
        await put(record)
        expect(await repo.get('r1')).toEqual(record)
        const decided = { ...record, status: 'verified' as const, decidedAt: minute(5), version: 2 }
        expect(await update(decided, 1)).toEqual(WRITTEN)
        expect(await repo.get('r1')).toEqual(decided)
        const { evidence: _gone, ...withoutPhotos } = decided
        const entries = [auditOf(record, { action: 'update' }), auditOf(record, { action: 'evidenceDeleted', reason: 'owner' })]
        expect(await repo.update({ ...withoutPhotos, version: 3 }, 2, entries)).toEqual(WRITTEN)
        const stored = await repo.get('r1')
        expect(stored).toEqual({ ...withoutPhotos, version: 3 })
        expect(Object.keys(stored!)).not.toContain('evidence')
        expect((await repo.listAudit('r1')).map((entry) => entry.action)).toEqual(['create', 'update', 'update', 'evidenceDeleted'])
      })

      it('lists records with photos decided at or before a cutoff, oldest decision first', async () => {
        await put(recordOf({ id: 'due-late', status: 'rejected', decidedAt: minute(20), evidence: [photo('front', 'evidence:a.jpg')] }))
        await put(recordOf({ id: 'due-early', status: 'verified', decidedAt: minute(10), evidence: [photo('front', 'evidence:b.jpg')] }))
        await put(recordOf({ id: 'not-yet', status: 'verified', decidedAt: minute(31), evidence: [photo('front', 'evidence:c.jpg')] }))
        await put(recordOf({ id: 'no-photo', status: 'verified', decidedAt: minute(1) }))
        await put(recordOf({ id: 'pending', evidence: [photo('back', 'evidence:d.jpg')] }))
        expect((await repo.listEvidenceDue(minute(30), 10)).map((record) => record.id)).toEqual(['due-early', 'due-late'])
        expect((await repo.listEvidenceDue(minute(30), 1)).map((record) => record.id)).toEqual(['due-early'])
        expect(await repo.listEvidenceDue(minute(0), 10)).toEqual([])
      })

      it('names the record keeping a photo, by its exact id', async () => {
        await put(recordOf({ id: 'r1', evidence: [photo('front', 'evidence:f1.jpg'), photo('back', 'cloud://e.b/evidence/o/x.jpg')] }))
        expect(await repo.evidenceHolder('evidence:f1.jpg')).toBe('r1')
        expect(await repo.evidenceHolder('cloud://e.b/evidence/o/x.jpg')).toBe('r1')
        expect(await repo.evidenceHolder('evidence:f1')).toBeNull()
        expect(await repo.evidenceHolder('f1.jpg')).toBeNull()
        expect(await repo.evidenceHolder('evidence:other.jpg')).toBeNull()
      })
    })

    describe('insert / get', () => {
      it('returns exactly what was inserted', async () => {
        const recognized = licenseOf({ vin: 'LSVNV2183E21OO108', totalQuality: 1880 })
        const record = recordOf({ id: 'r1', recognized, license: licenseOf({ addr: '广东省深圳市南山区' }) })
        await put(record)
        expect(await repo.get('r1')).toEqual(record)
      })

      it('keeps a reject reason and omits it when there is none', async () => {
        await put(recordOf({ id: 'r1', status: 'rejected', rejectReason: '照片模糊，号牌看不清' }))
        await put(recordOf({ id: 'r2' }))
        expect((await repo.get('r1'))?.rejectReason).toBe('照片模糊，号牌看不清')
        const plain = await repo.get('r2')
        expect(plain).not.toBeNull()
        expect(Object.keys(plain!)).not.toContain('rejectReason')
      })

      it('answers null for an unknown id', async () => {
        expect(await repo.get('missing')).toBeNull()
      })

      it('refuses a second record with the same id, and writes neither it nor its audit entry', async () => {
        await put(recordOf({ id: 'r1' }))
        const again = recordOf({ id: 'r1', ownerOpenid: 'owner-b', license: licenseOf({ vin: 'LFV2A21K0A4123456' }) })
        expect(await repo.insert(again, auditOf(again, { actor: 'owner-b' }))).toEqual(ID_TAKEN)
        expect((await repo.get('r1'))?.ownerOpenid).toBe('owner-a')
        expect((await repo.listAudit('r1')).map((e) => e.actor)).toEqual(['owner-a'])
      })

      it('stores the audit entry with the record', async () => {
        const record = recordOf({ id: 'r1' })
        const entry = auditOf(record, { at: minute(4) })
        expect(await repo.insert(record, entry)).toEqual(WRITTEN)
        expect(await repo.listAudit('r1')).toEqual([entry])
      })
    })

    describe('update (compare-and-set)', () => {
      it('writes when the stored version is the expected one', async () => {
        const original = recordOf({ id: 'r1' })
        await put(original)
        const next = { ...original, license: licenseOf({ plateNum: '粤B54321' }), version: 2, updatedAt: minute(5) }
        const entry = auditOf(next, { action: 'update', at: minute(5), previousStatus: 'pending', fields: ['plateNum'] })
        expect(await repo.update(next, 1, entry)).toEqual(WRITTEN)
        expect(await repo.get('r1')).toEqual(next)
        expect((await repo.listAudit('r1'))[1]).toEqual(entry)
      })

      it('refuses a stale version and leaves the record unchanged', async () => {
        const original = recordOf({ id: 'r1', version: 3 })
        await put(original)
        const stale = { ...original, license: licenseOf({ owner: '李四' }), version: 3, updatedAt: minute(5) }
        expect(await update(stale, 2)).toEqual(STALE)
        expect(await repo.get('r1')).toEqual(original)
        expect(await repo.listAudit('r1')).toHaveLength(1)
      })

      it('only one of two writers holding the same version wins', async () => {
        const original = recordOf({ id: 'r1' })
        await put(original)
        const a = { ...original, license: licenseOf({ owner: '甲' }), version: 2, updatedAt: minute(1) }
        const b = { ...original, license: licenseOf({ owner: '乙' }), version: 2, updatedAt: minute(2) }
        const results = await Promise.all([update(a, 1), update(b, 1)])
        expect(results.filter((result) => result.ok)).toHaveLength(1)
        expect(results).toContainEqual(STALE)
        expect((await repo.get('r1'))?.license.owner).toBe(results[0].ok ? '甲' : '乙')
        expect(await repo.listAudit('r1')).toHaveLength(2)
      })

      it('replaces status and drops a reject reason the next state does not have', async () => {
        const rejected = recordOf({ id: 'r1', status: 'rejected', rejectReason: '信息不符', version: 2 })
        await put(rejected)
        const { rejectReason: _dropped, ...pending } = { ...rejected, status: 'pending' as const, version: 3 }
        expect(await update(pending, 2)).toEqual(WRITTEN)
        const stored = await repo.get('r1')
        expect(stored).toEqual(pending)
        expect(Object.keys(stored!)).not.toContain('rejectReason')
      })

      it('writes a null recognized license and null numbers', async () => {
        const original = recordOf({ id: 'r1', recognized: licenseOf({ model: '大众' }) })
        await put(original)
        const next = { ...original, license: { ...licenseOf(), passengersNum: null }, recognized: null, version: 2 }
        expect(await update(next, 1)).toEqual(WRITTEN)
        expect(await repo.get('r1')).toEqual(next)
      })

      it('answers stale for a missing record and writes no audit entry', async () => {
        expect(await update(recordOf({ id: 'ghost', version: 2 }), 1)).toEqual(STALE)
        expect(await repo.get('ghost')).toBeNull()
        expect(await repo.listAudit('ghost')).toEqual([])
      })
    })

    describe('remove', () => {
      it('removes unconditionally without a version', async () => {
        await insertAll([recordOf({ id: 'r1', version: 7 }), recordOf({ id: 'r2' })])
        expect(await remove('r1')).toEqual(WRITTEN)
        expect(await repo.get('r1')).toBeNull()
        expect(await repo.get('r2')).not.toBeNull()
        expect(await remove('r1')).toEqual(STALE)
        expect((await repo.listAudit('r1')).map((e) => e.action)).toEqual(['create', 'remove'])
      })

      it('with a version, removes only that version', async () => {
        await put(recordOf({ id: 'r1', version: 2 }))
        expect(await remove('r1', 1)).toEqual(STALE)
        expect(await repo.get('r1')).not.toBeNull()
        expect(await remove('r1', 2)).toEqual(WRITTEN)
        expect(await repo.get('r1')).toBeNull()
      })
    })

    describe('listByOwner', () => {
      beforeEach(async () => {
        await insertAll([
          recordOf({ id: 'a1', updatedAt: minute(1) }),
          recordOf({ id: 'a2', updatedAt: minute(3) }),
          recordOf({ id: 'a3', updatedAt: minute(2) }),
          recordOf({ id: 'a4', updatedAt: minute(3) }),
          recordOf({ id: 'b1', ownerOpenid: 'owner-b', updatedAt: minute(9) }),
        ])
      })

      it("lists only the owner's records, newest first, ties by id descending", async () => {
        expect(await repo.listByOwner('owner-a', { limit: 10 })).toEqual({
          records: [expect.objectContaining({ id: 'a4' }), expect.objectContaining({ id: 'a2' }), expect.objectContaining({ id: 'a3' }), expect.objectContaining({ id: 'a1' })],
          nextOffset: null,
        })
        expect(ids((await repo.listByOwner('owner-b', { limit: 10 })).records)).toEqual(['b1'])
        expect(await repo.listByOwner('nobody', { limit: 10 })).toEqual({ records: [], nextOffset: null })
      })

      it('pages by offset and reports where the next page starts', async () => {
        const first = await repo.listByOwner('owner-a', { limit: 2 })
        expect([ids(first.records), first.nextOffset]).toEqual([['a4', 'a2'], 2])
        const second = await repo.listByOwner('owner-a', { limit: 2, offset: 2 })
        expect([ids(second.records), second.nextOffset]).toEqual([['a3', 'a1'], null])
        const third = await repo.listByOwner('owner-a', { limit: 3, offset: 3 })
        expect([ids(third.records), third.nextOffset]).toEqual([['a1'], null])
      })

      it('knows exactly whether a full page of the largest size is the last one', async () => {
        const many = Array.from({ length: MAX_PAGE_SIZE - 4 }, (_, i) => recordOf({ id: `m${String(i).padStart(3, '0')}` }))
        await insertAll(many) // with a1..a4: exactly MAX_PAGE_SIZE
        const full = await repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE })
        expect([full.records.length, full.nextOffset]).toEqual([MAX_PAGE_SIZE, null])
        await put(recordOf({ id: 'one-more' }))
        const more = await repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE })
        expect([more.records.length, more.nextOffset]).toEqual([MAX_PAGE_SIZE, MAX_PAGE_SIZE])
        expect(ids((await repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE, offset: MAX_PAGE_SIZE })).records)).toEqual(['m000'])
      })

      it(`rejects page sizes outside 1..${MAX_PAGE_SIZE}`, async () => {
        await expect(repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE + 1 })).rejects.toThrow(RangeError)
        await expect(repo.listByOwner('owner-a', { limit: 0 })).rejects.toThrow(RangeError)
        expect((await repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE })).records).toHaveLength(4)
      })
    })

    describe('searchByOwner', () => {
      beforeEach(async () => {
        await insertAll([
          recordOf({ id: 'a1', updatedAt: minute(1), license: licenseOf({ plateNum: '粤B12345', vin: 'LSVNV2183E2100108', owner: '张三' }) }),
          recordOf({ id: 'a2', updatedAt: minute(2), license: licenseOf({ plateNum: '京A88888', vin: 'LFV2A21K0A4123456', owner: '深圳市某某物流有限公司' }) }),
          recordOf({ id: 'a3', updatedAt: minute(3), license: licenseOf({ plateNum: '沪C1234D', vin: 'WVWZZZ1KZ6W000001', owner: '李四' }) }),
          recordOf({ id: 'b1', ownerOpenid: 'owner-b', updatedAt: minute(4), license: licenseOf({ plateNum: '粤B12345', owner: '张三' }) }),
        ])
      })

      it.each<[string, string[]]>([
        ['12345', ['a2', 'a1']],
        ['1234', ['a3', 'a2', 'a1']],
        ['粤b', ['a1']],
        ['lfv2a', ['a2']],
        ['4123456', ['a2']],
        ['物流', ['a2']],
        ['张三', ['a1']],
        ['WVWZZZ1KZ6W000001', ['a3']],
        ['不存在', []],
      ])('%p finds %p (own records only, newest first)', async (query, expected) => {
        expect(ids(await repo.searchByOwner('owner-a', query, 20))).toEqual(expected)
      })

      it('treats pattern characters literally', async () => {
        for (const query of ['.*', '%', '_', '^', '\\', '[a-z]', '(', '$']) {
          expect(await repo.searchByOwner('owner-a', query, 20)).toEqual([])
        }
        await put(recordOf({ id: 'a4', license: licenseOf({ owner: '100%_公司.*', vin: '' }) }))
        expect(ids(await repo.searchByOwner('owner-a', '%_公司.*', 20))).toEqual(['a4'])
      })

      it('honours the limit', async () => {
        expect(ids(await repo.searchByOwner('owner-a', '1', 2))).toEqual(['a3', 'a2'])
      })
    })

    describe('one record per owner and VIN', () => {
      const VIN = 'LSVNV2183E2100108'
      const OTHER_VIN = 'LFV2A21K0A4123456'
      const withVin = (id: string, vin: string, overrides: Partial<StoredRecord> = {}) =>
        recordOf({ id, license: licenseOf({ vin }), ...overrides })

      it('refuses a second record of the owner with the VIN, naming the first, and writes nothing for it', async () => {
        await put(withVin('a1', VIN))
        const twin = withVin('a2', VIN, { license: licenseOf({ vin: VIN, plateNum: '粤B99999' }) })
        expect(await repo.insert(twin, auditOf(twin))).toEqual(vinTaken('a1'))
        expect(await repo.get('a2')).toBeNull()
        expect(await repo.listAudit('a2')).toEqual([])
      })

      it("is per owner, and an empty VIN is never taken", async () => {
        await put(withVin('a1', VIN))
        await put(withVin('b1', VIN, { ownerOpenid: 'owner-b' }))
        await put(withVin('a2', ''))
        await put(withVin('a3', ''))
        expect((await repo.listByOwner('owner-a', { limit: 10 })).records).toHaveLength(3)
      })

      it('an update to a VIN another record holds is refused and changes nothing', async () => {
        await insertAll([withVin('a1', VIN), withVin('a2', OTHER_VIN)])
        const moved = { ...withVin('a2', VIN), version: 2, updatedAt: minute(1) }
        expect(await update(moved, 1)).toEqual(vinTaken('a1'))
        expect((await repo.get('a2'))?.license.vin).toBe(OTHER_VIN)
        expect(await repo.listAudit('a2')).toHaveLength(1)
        // The version check comes first: a stale write is stale whatever its VIN.
        expect(await update(moved, 7)).toEqual(STALE)
      })

      it('an update moves the VIN: the old one is free, the new one taken', async () => {
        await put(withVin('a1', VIN))
        expect(await update({ ...withVin('a1', OTHER_VIN), version: 2 }, 1)).toEqual(WRITTEN)
        await put(withVin('a2', VIN))
        const third = withVin('a3', OTHER_VIN)
        expect(await repo.insert(third, auditOf(third))).toEqual(vinTaken('a1'))
        // Back to an empty VIN frees it too.
        expect(await update({ ...withVin('a1', ''), version: 3 }, 2)).toEqual(WRITTEN)
        await put(third)
      })

      it('an update that keeps the VIN keeps holding it', async () => {
        await put(withVin('a1', VIN))
        expect(await update({ ...withVin('a1', VIN, { status: 'verified' }), version: 2 }, 1)).toEqual(WRITTEN)
        const twin = withVin('a2', VIN)
        expect(await repo.insert(twin, auditOf(twin))).toEqual(vinTaken('a1'))
      })

      it('a removal frees the VIN', async () => {
        await put(withVin('a1', VIN))
        expect(await remove('a1')).toEqual(WRITTEN)
        await put(withVin('a2', VIN))
        expect((await repo.get('a2'))?.license.vin).toBe(VIN)
      })
    })

    describe('staff queue: listByStatus / countByStatus', () => {
      beforeEach(async () => {
        const plates: Array<[string, RecordStatus, number, string]> = [
          ['p1', 'pending', 10, '粤B11111'],
          ['p2', 'pending', 20, '粤A22222'],
          ['p3', 'pending', 30, '京B33333'],
          ['p4', 'pending', 20, '粤B44444'],
          ['v1', 'verified', 15, '粤B55555'],
          ['v2', 'verified', 40, '沪A66666'],
          ['x1', 'rejected', 25, '粤B77777'],
        ]
        await insertAll(
          plates.map(([id, status, at, plateNum], i) =>
            recordOf({ id, status, updatedAt: minute(at), ownerOpenid: `owner-${i % 3}`, license: licenseOf({ plateNum, vin: '' }) }),
          ),
        )
      })

      it('lists one status oldest first, ties by id', async () => {
        expect(await repo.listByStatus({ status: 'pending', limit: 10 })).toEqual({
          records: ['p1', 'p2', 'p4', 'p3'].map((id) => expect.objectContaining({ id })),
          nextOffset: null,
        })
      })

      it('lists every status when none is given', async () => {
        expect(ids((await repo.listByStatus({ limit: 10 })).records)).toEqual(['p1', 'v1', 'p2', 'p4', 'x1', 'p3', 'v2'])
      })

      it('filters by updatedAt in [from, to) and by plate prefix, case-insensitively', async () => {
        expect(ids((await repo.listByStatus({ status: 'pending', from: minute(20), to: minute(30), limit: 10 })).records)).toEqual(['p2', 'p4'])
        expect(ids((await repo.listByStatus({ platePrefix: '粤B', limit: 10 })).records)).toEqual(['p1', 'v1', 'p4', 'x1'])
        expect(ids((await repo.listByStatus({ status: 'pending', platePrefix: '粤b4', limit: 10 })).records)).toEqual(['p4'])
        expect(ids((await repo.listByStatus({ platePrefix: 'B', limit: 10 })).records)).toEqual([])
        expect(ids((await repo.listByStatus({ platePrefix: '.', limit: 10 })).records)).toEqual([])
      })

      it('pages', async () => {
        const first = await repo.listByStatus({ status: 'pending', limit: 3 })
        expect([ids(first.records), first.nextOffset]).toEqual([['p1', 'p2', 'p4'], 3])
        const second = await repo.listByStatus({ status: 'pending', limit: 3, offset: 3 })
        expect([ids(second.records), second.nextOffset]).toEqual([['p3'], null])
      })

      it('counts per status under the same filters', async () => {
        expect(await repo.countByStatus({})).toEqual({ pending: 4, verified: 2, rejected: 1 })
        expect(await repo.countByStatus({ platePrefix: '粤B' })).toEqual({ pending: 2, verified: 1, rejected: 1 })
        expect(await repo.countByStatus({ from: minute(20), to: minute(40) })).toEqual({ pending: 3, verified: 0, rejected: 1 })
      })
    })

    describe('audit', () => {
      it('lists entries of one record by time, then id, with optional fields only when set', async () => {
        const r1 = recordOf({ id: 'r1' })
        const created = auditOf(r1, { id: 'e1' })
        const rejected = auditOf(r1, { id: 'e3', action: 'reject', at: minute(2), actor: 'staff-1', previousStatus: 'pending', nextStatus: 'rejected', reason: '号牌不清' })
        const updated = auditOf(r1, { id: 'e2', action: 'update', at: minute(2), previousStatus: 'rejected', nextStatus: 'pending', fields: ['plateNum', 'vin'] })
        const removed = auditOf(r1, { id: 'e4', action: 'remove', at: minute(3), previousStatus: 'pending', nextStatus: null })
        expect(await repo.insert(r1, created)).toEqual(WRITTEN)
        const r2 = recordOf({ id: 'r2' })
        expect(await repo.insert(r2, auditOf(r2, { id: 'o1' }))).toEqual(WRITTEN)
        expect(await repo.update({ ...r1, status: 'rejected', rejectReason: '号牌不清', version: 2 }, 1, rejected)).toEqual(WRITTEN)
        expect(await repo.update({ ...r1, license: licenseOf({ vin: 'LFV2A21K0A4123456' }), version: 3 }, 2, updated)).toEqual(WRITTEN)
        expect(await repo.remove('r1', 3, removed)).toEqual(WRITTEN)

        const listed = await repo.listAudit('r1')
        expect(listed).toEqual([created, updated, rejected, removed])
        expect(Object.keys(listed[0]).sort()).toEqual(['action', 'actor', 'at', 'id', 'nextStatus', 'previousStatus', 'recordId'])
        expect(await repo.listAudit('r3')).toEqual([])
      })

      it('keeps the trail after the record is removed', async () => {
        await put(recordOf({ id: 'r1' }))
        expect(await remove('r1')).toEqual(WRITTEN)
        expect((await repo.listAudit('r1')).map((e) => e.action)).toEqual(['create', 'remove'])
      })
    })

    describe('listVerifiedBetween', () => {
      it('lists verified records updated in [from, to), oldest first, paged', async () => {
        await insertAll([
          recordOf({ id: 'v1', status: 'verified', updatedAt: minute(10) }),
          recordOf({ id: 'v2', status: 'verified', updatedAt: minute(20), ownerOpenid: 'owner-b' }),
          recordOf({ id: 'v3', status: 'verified', updatedAt: minute(30) }),
          recordOf({ id: 'p1', status: 'pending', updatedAt: minute(15) }),
          recordOf({ id: 'x1', status: 'rejected', updatedAt: minute(16) }),
          recordOf({ id: 'v0', status: 'verified', updatedAt: minute(9) }),
        ])
        expect(ids((await repo.listVerifiedBetween(minute(10), minute(30), { limit: 10 })).records)).toEqual(['v1', 'v2'])
        const first = await repo.listVerifiedBetween(minute(0), minute(60), { limit: 3 })
        expect([ids(first.records), first.nextOffset]).toEqual([['v0', 'v1', 'v2'], 3])
        const second = await repo.listVerifiedBetween(minute(0), minute(60), { limit: 3, offset: 3 })
        expect([ids(second.records), second.nextOffset]).toEqual([['v3'], null])
      })
    })

    describe(`bulk: ${options.bulkSize} records`, () => {
      it('pages through every record exactly once and finds single records among them', async () => {
        const n = options.bulkSize
        const id = (i: number) => `r${String(i).padStart(6, '0')}`
        for (let i = 0; i < n; i++) {
          await put(
            recordOf({
              id: id(i),
              ownerOpenid: i % 10 === 0 ? 'owner-b' : 'owner-a',
              status: i % 7 === 0 ? 'verified' : 'pending',
              // Many share a timestamp, so paging must rely on the id tie-break.
              updatedAt: minute(Math.floor(i / 3)),
              license: licenseOf({ plateNum: `粤B${String(i).padStart(5, '0')}`, vin: `LSVNV2183E${String(i).padStart(7, '0')}`, owner: `车主${i}` }),
            }),
          )
        }
        const ownerA = Array.from({ length: n }, (_, i) => i).filter((i) => i % 10 !== 0)

        const seen: string[] = []
        let offset: number | null = 0
        while (offset !== null) {
          const page: { records: StoredRecord[]; nextOffset: number | null } = await repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE, offset })
          seen.push(...ids(page.records))
          offset = page.nextOffset
        }
        expect(seen).toEqual(ownerA.map(id).reverse())

        const probe = ownerA[Math.floor(ownerA.length / 2)]
        expect(ids(await repo.searchByOwner('owner-a', `粤B${String(probe).padStart(5, '0')}`, 10))).toEqual([id(probe)])
        expect(ids(await repo.searchByOwner('owner-b', `粤B${String(probe).padStart(5, '0')}`, 10))).toEqual([])
        expect(ids(await repo.searchByOwner('owner-a', `车主${probe}`, 50))).toContain(id(probe))
        // The VIN key is found among many records.
        const twin = recordOf({ id: 'twin', license: licenseOf({ vin: `LSVNV2183E${String(probe).padStart(7, '0')}` }) })
        expect(await repo.insert(twin, auditOf(twin))).toEqual(vinTaken(id(probe)))

        const verified = Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 0).length
        expect(await repo.countByStatus({})).toEqual({ pending: n - verified, verified, rejected: 0 })
        const lastPage = await repo.listByStatus({ status: 'verified', limit: 5, offset: verified - 2 })
        expect([lastPage.records.length, lastPage.nextOffset]).toEqual([2, null])
      })
    })
  })
}
