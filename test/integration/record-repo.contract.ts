// One behavioural contract for every RecordRepo adapter (SQLite, CloudBase). Each adapter's test
// file calls recordRepoContract() with a factory that returns a fresh, empty repo.
import { emptyLicense, type VehicleLicense } from '../../src/domain/license'
import type { AuditEntry, LicenseRecord, RecordStatus } from '../../functions/records/model'
import { MAX_PAGE_SIZE, type RecordRepo } from '../../functions/shared/repo/record-repo'

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

export function recordOf(overrides: Partial<LicenseRecord> & { id: string }): LicenseRecord {
  return {
    ownerOpenid: 'owner-a',
    license: licenseOf(),
    recognized: null,
    status: 'pending',
    version: 1,
    createdAt: minute(0),
    updatedAt: minute(0),
    ...overrides,
  }
}

const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id)

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

    const insertAll = async (records: LicenseRecord[]) => {
      for (const record of records) await repo.insert(record)
    }

    describe('insert / get', () => {
      it('returns exactly what was inserted', async () => {
        const recognized = licenseOf({ vin: 'LSVNV2183E21OO108', totalQuality: 1880 })
        const record = recordOf({ id: 'r1', recognized, license: licenseOf({ addr: '广东省深圳市南山区' }) })
        await repo.insert(record)
        expect(await repo.get('r1')).toEqual(record)
      })

      it('keeps a reject reason and omits it when there is none', async () => {
        await repo.insert(recordOf({ id: 'r1', status: 'rejected', rejectReason: '照片模糊，号牌看不清' }))
        await repo.insert(recordOf({ id: 'r2' }))
        expect((await repo.get('r1'))?.rejectReason).toBe('照片模糊，号牌看不清')
        const plain = await repo.get('r2')
        expect(plain).not.toBeNull()
        expect(Object.keys(plain!)).not.toContain('rejectReason')
      })

      it('answers null for an unknown id', async () => {
        expect(await repo.get('missing')).toBeNull()
      })

      it('rejects a second record with the same id', async () => {
        await repo.insert(recordOf({ id: 'r1' }))
        await expect(repo.insert(recordOf({ id: 'r1', ownerOpenid: 'owner-b' }))).rejects.toThrow()
        expect((await repo.get('r1'))?.ownerOpenid).toBe('owner-a')
      })
    })

    describe('update (compare-and-set)', () => {
      it('writes when the stored version is the expected one', async () => {
        const original = recordOf({ id: 'r1' })
        await repo.insert(original)
        const next = { ...original, license: licenseOf({ plateNum: '粤B54321' }), version: 2, updatedAt: minute(5) }
        expect(await repo.update(next, 1)).toBe(true)
        expect(await repo.get('r1')).toEqual(next)
      })

      it('refuses a stale version and leaves the record unchanged', async () => {
        const original = recordOf({ id: 'r1', version: 3 })
        await repo.insert(original)
        const stale = { ...original, license: licenseOf({ owner: '李四' }), version: 3, updatedAt: minute(5) }
        expect(await repo.update(stale, 2)).toBe(false)
        expect(await repo.get('r1')).toEqual(original)
      })

      it('only one of two writers holding the same version wins', async () => {
        const original = recordOf({ id: 'r1' })
        await repo.insert(original)
        const a = { ...original, license: licenseOf({ owner: '甲' }), version: 2, updatedAt: minute(1) }
        const b = { ...original, license: licenseOf({ owner: '乙' }), version: 2, updatedAt: minute(2) }
        const results = await Promise.all([repo.update(a, 1), repo.update(b, 1)])
        expect(results.filter(Boolean)).toHaveLength(1)
        expect((await repo.get('r1'))?.license.owner).toBe(results[0] ? '甲' : '乙')
      })

      it('replaces status and drops a reject reason the next state does not have', async () => {
        const rejected = recordOf({ id: 'r1', status: 'rejected', rejectReason: '信息不符', version: 2 })
        await repo.insert(rejected)
        const { rejectReason: _dropped, ...pending } = { ...rejected, status: 'pending' as const, version: 3 }
        expect(await repo.update(pending, 2)).toBe(true)
        const stored = await repo.get('r1')
        expect(stored).toEqual(pending)
        expect(Object.keys(stored!)).not.toContain('rejectReason')
      })

      it('writes a null recognized license and null numbers', async () => {
        const original = recordOf({ id: 'r1', recognized: licenseOf({ model: '大众' }) })
        await repo.insert(original)
        const next = { ...original, license: { ...licenseOf(), passengersNum: null }, recognized: null, version: 2 }
        expect(await repo.update(next, 1)).toBe(true)
        expect(await repo.get('r1')).toEqual(next)
      })

      it('answers false for a missing record', async () => {
        expect(await repo.update(recordOf({ id: 'ghost', version: 2 }), 1)).toBe(false)
        expect(await repo.get('ghost')).toBeNull()
      })
    })

    describe('remove', () => {
      it('removes unconditionally without a version', async () => {
        await insertAll([recordOf({ id: 'r1', version: 7 }), recordOf({ id: 'r2' })])
        expect(await repo.remove('r1')).toBe(true)
        expect(await repo.get('r1')).toBeNull()
        expect(await repo.get('r2')).not.toBeNull()
        expect(await repo.remove('r1')).toBe(false)
      })

      it('with a version, removes only that version', async () => {
        await repo.insert(recordOf({ id: 'r1', version: 2 }))
        expect(await repo.remove('r1', 1)).toBe(false)
        expect(await repo.get('r1')).not.toBeNull()
        expect(await repo.remove('r1', 2)).toBe(true)
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
        await repo.insert(recordOf({ id: 'one-more' }))
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
        await repo.insert(recordOf({ id: 'a4', license: licenseOf({ owner: '100%_公司.*' }) }))
        expect(ids(await repo.searchByOwner('owner-a', '%_公司.*', 20))).toEqual(['a4'])
      })

      it('honours the limit', async () => {
        expect(ids(await repo.searchByOwner('owner-a', '1', 2))).toEqual(['a3', 'a2'])
      })
    })

    describe('findByVin', () => {
      it("finds the owner's record with exactly that VIN, the latest when several", async () => {
        await insertAll([
          recordOf({ id: 'a1', updatedAt: minute(1) }),
          recordOf({ id: 'a2', updatedAt: minute(5) }),
          recordOf({ id: 'a3', updatedAt: minute(9), license: licenseOf({ vin: 'LFV2A21K0A4123456' }) }),
          recordOf({ id: 'b1', ownerOpenid: 'owner-b', updatedAt: minute(7) }),
        ])
        expect((await repo.findByVin('owner-a', 'LSVNV2183E2100108'))?.id).toBe('a2')
        expect((await repo.findByVin('owner-b', 'LSVNV2183E2100108'))?.id).toBe('b1')
        expect(await repo.findByVin('owner-c', 'LSVNV2183E2100108')).toBeNull()
        expect(await repo.findByVin('owner-a', 'LSVNV2183E210010')).toBeNull()
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
            recordOf({ id, status, updatedAt: minute(at), ownerOpenid: `owner-${i % 3}`, license: licenseOf({ plateNum }) }),
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
      const entry = (overrides: Partial<AuditEntry> & { id: string }): AuditEntry => ({
        recordId: 'r1',
        actor: 'owner-a',
        action: 'create',
        at: minute(0),
        previousStatus: null,
        nextStatus: 'pending',
        ...overrides,
      })

      it('lists entries of one record by time, then id, with optional fields only when set', async () => {
        const entries = [
          entry({ id: 'e3', action: 'reject', at: minute(2), actor: 'staff-1', previousStatus: 'pending', nextStatus: 'rejected', reason: '号牌不清' }),
          entry({ id: 'e1' }),
          entry({ id: 'e2', action: 'update', at: minute(2), previousStatus: 'pending', nextStatus: 'pending', fields: ['plateNum', 'vin'] }),
          entry({ id: 'o1', recordId: 'r2' }),
          entry({ id: 'e4', action: 'remove', at: minute(3), previousStatus: 'rejected', nextStatus: null }),
        ]
        for (const e of entries) await repo.appendAudit(e)
        const listed = await repo.listAudit('r1')
        expect(listed).toEqual([entries[1], entries[2], entries[0], entries[4]])
        expect(Object.keys(listed[0]).sort()).toEqual(['action', 'actor', 'at', 'id', 'nextStatus', 'previousStatus', 'recordId'])
        expect(await repo.listAudit('r3')).toEqual([])
      })

      it('keeps the trail after the record is removed', async () => {
        await repo.insert(recordOf({ id: 'r1' }))
        await repo.appendAudit(entry({ id: 'e1' }))
        await repo.remove('r1')
        expect(ids(await repo.listAudit('r1'))).toEqual(['e1'])
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
          await repo.insert(
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
          const page: { records: LicenseRecord[]; nextOffset: number | null } = await repo.listByOwner('owner-a', { limit: MAX_PAGE_SIZE, offset })
          seen.push(...ids(page.records))
          offset = page.nextOffset
        }
        expect(seen).toEqual(ownerA.map(id).reverse())

        const probe = ownerA[Math.floor(ownerA.length / 2)]
        expect(ids(await repo.searchByOwner('owner-a', `粤B${String(probe).padStart(5, '0')}`, 10))).toEqual([id(probe)])
        expect(ids(await repo.searchByOwner('owner-b', `粤B${String(probe).padStart(5, '0')}`, 10))).toEqual([])
        expect(ids(await repo.searchByOwner('owner-a', `车主${probe}`, 50))).toContain(id(probe))
        expect((await repo.findByVin('owner-a', `LSVNV2183E${String(probe).padStart(7, '0')}`))?.id).toBe(id(probe))

        const verified = Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 0).length
        expect(await repo.countByStatus({})).toEqual({ pending: n - verified, verified, rejected: 0 })
        const lastPage = await repo.listByStatus({ status: 'verified', limit: 5, offset: verified - 2 })
        expect([lastPage.records.length, lastPage.nextOffset]).toEqual([2, null])
      })
    })
  })
}
