import { createCloudbaseRepo, RECORD_COLLECTIONS } from '../../functions/shared/repo/cloudbase-repo'
import { isLostRace, vinKeyId } from '../../functions/shared/repo/cloudbase-writes'
import { createFakeCloudDb } from '../fakes/cloudbase-db'
import { auditOf, licenseOf, recordOf, recordRepoContract, vinTaken, WRITTEN } from './record-repo.contract'

const ALL = [RECORD_COLLECTIONS.records, RECORD_COLLECTIONS.audit, RECORD_COLLECTIONS.keys]

// A fresh environment each time: the adapter creates its collections on first use.
recordRepoContract('CloudBase (fake wx-server-sdk database)', () => ({ repo: createCloudbaseRepo(createFakeCloudDb()) }), {
  bulkSize: 1_000,
})

describe('CloudBase adapter on the wire', () => {
  it('stores records as documents keyed by _id, without undefined members, with their VIN key and audit entry', async () => {
    const db = createFakeCloudDb({ collections: ALL })
    const repo = createCloudbaseRepo(db)
    const record = recordOf({ id: 'r1', license: licenseOf() })
    const entry = auditOf(record)
    expect(await repo.insert(record, entry)).toEqual(WRITTEN)
    const [doc] = db.dump('records')
    expect(doc._id).toBe('r1')
    expect(Object.keys(doc).sort()).toEqual(['_id', 'createdAt', 'hasEvidence', 'license', 'ownerOpenid', 'recognized', 'status', 'updatedAt', 'version'])
    expect(db.dump('record_keys')).toEqual([{ _id: vinKeyId('owner-a', licenseOf().vin), recordId: 'r1' }])
    const { id, ...rest } = entry
    expect(db.dump('audit')).toEqual([{ _id: id, ...rest }])
  })

  it('keys a VIN per owner: the key _id is a hash that reveals neither', () => {
    const key = vinKeyId('owner-a', 'LSVNV2183E2100108')
    expect(key).toMatch(/^[0-9a-f]{32}$/)
    expect(vinKeyId('owner-b', 'LSVNV2183E2100108')).not.toBe(key)
    expect(vinKeyId('owner-a', 'LSVNV2183E2100109')).not.toBe(key)
  })

  it('takes over a key whose record is gone or has another VIN (data edited in the console)', async () => {
    const db = createFakeCloudDb({ collections: ALL })
    const repo = createCloudbaseRepo(db)
    const vin = 'LSVNV2183E2100108'
    await db.collection('record_keys').add({ data: { _id: vinKeyId('owner-a', vin), recordId: 'deleted-in-console' } })
    const first = recordOf({ id: 'r1', license: licenseOf({ vin }) })
    expect(await repo.insert(first, auditOf(first))).toEqual(WRITTEN)
    const second = recordOf({ id: 'r2', license: licenseOf({ vin }) })
    expect(await repo.insert(second, auditOf(second))).toEqual(vinTaken('r1'))
    await db.collection('records').doc('r1').update({ data: { license: db.command.set(licenseOf({ vin: 'EDITED' })) } })
    expect(await repo.insert(second, auditOf(second))).toEqual(WRITTEN)
  })

  it('keeps trying, after a pause, while another transaction holds the VIN key longer than the SDK retries', async () => {
    let starts = 0
    let release: () => void = () => undefined
    const db = createFakeCloudDb({
      collections: ALL,
      // The SDK loop makes 4 attempts; the holder commits when the adapter starts a 5th.
      failOn: (request) => {
        if (request.kind === 'startTransaction' && ++starts === 5) release()
        return false
      },
    })
    const vin = 'LSVNV2183E2100108'
    const holder = await db.beginTransaction()
    await holder.collection('record_keys').doc(vinKeyId('owner-a', vin)).set({ data: { recordId: 'holder' } })
    await holder.collection('records').add({ data: { _id: 'holder', ownerOpenid: 'owner-a', license: licenseOf({ vin }) } })
    release = () => void holder.commit()
    const record = recordOf({ id: 'r1', license: licenseOf({ vin }) })
    expect(await createCloudbaseRepo(db).insert(record, auditOf(record))).toEqual(vinTaken('holder'))
    expect(starts).toBeGreaterThan(5)
  })

  it('counts as a lost race a conflict as @cloudbase/database reports it, or as wx-server-sdk rewraps it', () => {
    expect(isLostRace({ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'database transaction conflict' })).toBe(true)
    const rewrapped = Object.assign(new Error('document.update:fail -501001 resource system error. [WriteConflict] Write conflict'), { errCode: -501001 })
    expect(isLostRace(rewrapped)).toBe(true)
    expect(isLostRace(Object.assign(new Error('collection.add:fail -501001 resource system error. E11000 duplicate key error'), { errCode: -501001 }))).toBe(true)
    expect(isLostRace(new Error('document.set:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict'))).toBe(true)
    expect(isLostRace(new Error('[ResourceUnavailable.TransactionNotExist] Transaction does not exist'))).toBe(false)
    expect(isLostRace(Object.assign(new Error('collection.get:fail -502005 database collection not exists.'), { errCode: -502005 }))).toBe(false)
    expect(isLostRace('boom')).toBe(false)
  })

  it('creates its collections in a fresh environment: reads answer empty, writes go through', async () => {
    const db = createFakeCloudDb()
    const repo = createCloudbaseRepo(db)
    expect(await repo.get('r1')).toBeNull()
    expect([...db.collectionNames()].sort()).toEqual([...ALL].sort())

    const fresh = createFakeCloudDb()
    const record = recordOf({ id: 'r1' })
    expect(await createCloudbaseRepo(fresh).insert(record, auditOf(record))).toEqual(WRITTEN)
    expect(fresh.dump('records')).toHaveLength(1)
  })

  it('still fails when creating the collections does not help', async () => {
    const db = createFakeCloudDb({ failOn: (request) => request.kind === 'createCollection' })
    await expect(createCloudbaseRepo(db).get('r1')).rejects.toMatchObject({ errCode: -502005 })
  })
})
