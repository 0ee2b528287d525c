// The CloudBase writes on the in-memory wx-server-sdk database: lost races and how long they are
// retried, failed reads inside a transaction, and the (owner, VIN) keys left by console edits.
import { createFakeCloudDb } from '../../../test/fakes/cloudbase-db'
import { auditOf, licenseOf, recordOf, vinTaken, WRITTEN } from '../../../test/integration/record-repo.contract'
import { createCloudbaseRepo, RECORD_COLLECTIONS } from './cloudbase-repo'
import { isLostRace, vinKeyId } from './cloudbase-writes'

const ALL = [RECORD_COLLECTIONS.records, RECORD_COLLECTIONS.audit, RECORD_COLLECTIONS.keys]
const VIN = 'LSVNV2183E2100108'

afterEach(() => jest.restoreAllMocks())

describe('isLostRace', () => {
  it('takes the conflict code alone, whatever the message', () => {
    expect(isLostRace({ code: 'DATABASE_TRANSACTION_CONFLICT', message: '' })).toBe(true)
    expect(isLostRace({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true)
  })

  it.each([
    'transaction conflict',
    'Transaction is conflict',
    '[ResourceUnavailable.TransactionConflict] TransactionConflict',
    'transaction_conflict',
    'E11000 duplicate key error collection: records',
  ])('reads a conflict from the message %p', (message) => {
    expect(isLostRace(new Error(message))).toBe(true)
  })

  it('only errors are races: not null, nor a bare string that happens to say so', () => {
    expect(isLostRace(null)).toBe(false)
    expect(isLostRace(undefined)).toBe(false)
    expect(isLostRace('transaction conflict')).toBe(false)
    expect(isLostRace(new Error('transaction was committed'))).toBe(false)
  })
})

describe('a race that never ends', () => {
  /** Another transaction holds the VIN key and never commits: every try of ours conflicts. */
  async function blocked() {
    let starts = 0
    const db = createFakeCloudDb({
      collections: ALL,
      failOn: (request) => {
        if (request.kind === 'startTransaction') starts++
        return false
      },
    })
    const holder = await db.beginTransaction()
    await holder.collection('record_keys').doc(vinKeyId('owner-a', VIN)).set({ data: { recordId: 'holder' } })
    const holderStarts = starts
    return { db, starts: () => starts - holderStarts }
  }

  it('is given up after 5 rounds of the SDK retries, and the write fails', async () => {
    const { db, starts } = await blocked()
    const record = recordOf({ id: 'r1', license: licenseOf({ vin: VIN }) })
    await expect(createCloudbaseRepo(db).insert(record, auditOf(record))).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    // runTransaction tries 4 times (SDK default times = 3), 5 rounds of it.
    expect(starts()).toBe(20)
    expect(db.dump('records')).toEqual([])
  })

  it('backs off between rounds, twice as long each time', async () => {
    const { db } = await blocked()
    jest.spyOn(Math, 'random').mockReturnValue(0.5)
    const timeout = jest.spyOn(global, 'setTimeout')
    const record = recordOf({ id: 'r1', license: licenseOf({ vin: VIN }) })
    await expect(createCloudbaseRepo(db).insert(record, auditOf(record))).rejects.toBeTruthy()
    const pauses = timeout.mock.calls.map(([, ms]) => ms).filter((ms) => typeof ms === 'number' && ms > 0)
    expect(pauses).toEqual([10, 20, 40, 80])
  })
})

describe('a failed read inside a transaction', () => {
  it('fails the write: a read that failed is never taken for a missing document', async () => {
    const db = createFakeCloudDb({ collections: ALL, failOn: (request) => request.kind === 'get' && request.transaction !== undefined })
    const record = recordOf({ id: 'r1' })
    await expect(createCloudbaseRepo(db).insert(record, auditOf(record))).rejects.toMatchObject({ errCode: -501001 })
    expect(db.dump('records')).toEqual([])
    expect(db.dump('audit')).toEqual([])
  })
})

describe('(owner, VIN) keys', () => {
  it('a key naming a record of another owner with that VIN holds nothing for this owner', async () => {
    const db = createFakeCloudDb({ collections: ALL })
    const repo = createCloudbaseRepo(db)
    const other = recordOf({ id: 'b1', ownerOpenid: 'owner-b', license: licenseOf({ vin: VIN }) })
    expect(await repo.insert(other, auditOf(other))).toEqual(WRITTEN)
    // A key of owner-a pointing at owner-b's record (edited in the console).
    await db.collection('record_keys').add({ data: { _id: vinKeyId('owner-a', VIN), recordId: 'b1' } })
    const mine = recordOf({ id: 'a1', license: licenseOf({ vin: VIN }) })
    expect(await repo.insert(mine, auditOf(mine))).toEqual(WRITTEN)
    const twin = recordOf({ id: 'a2', license: licenseOf({ vin: VIN }) })
    expect(await repo.insert(twin, auditOf(twin))).toEqual(vinTaken('a1'))
  })

  it("moving a VIN away releases the key only if it is the record's own", async () => {
    const db = createFakeCloudDb({ collections: ALL })
    const repo = createCloudbaseRepo(db)
    const first = recordOf({ id: 'a1', license: licenseOf({ vin: VIN }) })
    expect(await repo.insert(first, auditOf(first))).toEqual(WRITTEN)
    // a1's VIN edited away in the console: a2 takes the key over; then a1 is edited back.
    await db.collection('records').doc('a1').update({ data: { license: db.command.set(licenseOf({ vin: 'EDITED' })) } })
    const second = recordOf({ id: 'a2', license: licenseOf({ vin: VIN }) })
    expect(await repo.insert(second, auditOf(second))).toEqual(WRITTEN)
    await db.collection('records').doc('a1').update({ data: { license: db.command.set(licenseOf({ vin: VIN })) } })
    // a1 moves to another VIN: the key of VIN is a2's and stays.
    const moved = { ...first, license: licenseOf({ vin: 'LFV2A21K0A4123456' }), version: 2 }
    expect(await repo.update(moved, 1, auditOf(moved, { action: 'update' }))).toEqual(WRITTEN)
    const third = recordOf({ id: 'a3', license: licenseOf({ vin: VIN }) })
    expect(await repo.insert(third, auditOf(third))).toEqual(vinTaken('a2'))
  })

  it('an empty VIN leaves no key behind, so two records can both drop theirs', async () => {
    const db = createFakeCloudDb({ collections: ALL })
    const repo = createCloudbaseRepo(db)
    const a1 = recordOf({ id: 'a1', license: licenseOf({ vin: VIN }) })
    const a2 = recordOf({ id: 'a2', license: licenseOf({ vin: 'LFV2A21K0A4123456' }) })
    for (const record of [a1, a2]) expect(await repo.insert(record, auditOf(record))).toEqual(WRITTEN)
    for (const record of [a1, a2]) {
      const cleared = { ...record, license: licenseOf({ vin: '' }), version: 2 }
      expect(await repo.update(cleared, 1, auditOf(record, { action: 'update' }))).toEqual(WRITTEN)
    }
    expect(db.dump('record_keys')).toEqual([])
  })
})

describe('listAudit', () => {
  it('stops at 1000 entries: no record accumulates more legitimately', async () => {
    const db = createFakeCloudDb({ collections: ALL })
    const record = recordOf({ id: 'r1' })
    const at = (i: number) => new Date(Date.UTC(2024, 4, 1) + i * 1000).toISOString()
    for (let i = 0; i < 1050; i++) {
      await db.collection('audit').add({ data: { _id: `e${String(i).padStart(5, '0')}`, recordId: 'r1', actor: 'owner-a', action: 'update', at: at(i), previousStatus: 'pending', nextStatus: 'pending' } })
    }
    const listed = await createCloudbaseRepo(db).listAudit(record.id)
    expect(listed).toHaveLength(1000)
    expect(listed[999].id).toBe('e00999')
  })
})
