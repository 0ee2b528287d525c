// Writes of the CloudBase adapter. Each is one transaction (db.runTransaction) holding the record,
// its audit entry and its (owner, VIN) key, so they commit together or not at all.
// Uniqueness comes from deterministic _ids, never from a query before the write: a record's _id is
// its id, and record_keys/<hash(owner, VIN)> names the one record holding that VIN. Two transactions
// writing the same key conflict (Mongo's WriteConflict); the loser runs again on a fresh snapshot
// and finds the key taken. CloudBase transactions have only doc-level reads and writes plus add(),
// which is all this needs.
import { createHash } from 'crypto'
import type { StoredRecord } from '../../records/model'
import { isCollectionMissing } from '../cloudbase/collections'
import type { CloudDatabase, CloudTransaction } from './cloud-db'
import { fromDoc, toAuditDoc, toDoc, toDocBody, type Doc, type RecordCollectionNames } from './cloudbase-docs'
import { auditList, type AuditEntries, type InsertOutcome, type RemoveOutcome, type UpdateOutcome, type Written } from './record-repo'

/** runTransaction calls in a row before a lost race is reported as a failure. */
const TRANSACTION_ROUNDS = 5

const WRITTEN: Written = { ok: true }
const STALE = { ok: false, reason: 'stale' } as const

/** _id of the key document of (owner, VIN): fixed length, and no VIN readable in it. */
export function vinKeyId(owner: string, vin: string): string {
  return createHash('sha256').update(`${owner}\n${vin}`).digest('hex').slice(0, 32)
}

const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message ?? '') : String(error)

/** wx-server-sdk's doc().get() on a missing document (throwOnNotFound, the default). */
function isDocumentMissing(error: unknown): boolean {
  return !isCollectionMissing(error) && /document with _id .* does not exist/.test(messageOf(error))
}

/**
 * Lost a race with another transaction: a write conflict (code DATABASE_TRANSACTION_CONFLICT from
 * @cloudbase/database; wx-server-sdk rewraps errors of single requests as errCode -501001, keeping
 * the server's message) or a duplicate _id written concurrently. Running the transaction again,
 * on a fresh snapshot, settles it.
 */
export function isLostRace(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  if ((error as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT') return true
  return /transaction[ _.-]?(is )?conflict|WriteConflict|duplicate key|E11000/i.test(messageOf(error))
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * runTransaction already re-runs the callback on a conflict, but straight away and only a few
 * times, and not at all when wx-server-sdk has rewrapped the conflict of a single request. Under
 * contention the winner may still hold the key, so further rounds back off exponentially with
 * jitter (as CloudBase's DATABASE_TRANSACTION_CONFLICT page advises), and the losers do not
 * collide again in step.
 */
async function transact<T>(db: CloudDatabase, work: (tx: CloudTransaction) => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await db.runTransaction(work)
    } catch (error) {
      if (round >= TRANSACTION_ROUNDS || !isLostRace(error)) throw error
      await pause(Math.random() * 10 * 2 ** round)
    }
  }
}

async function readDoc(tx: CloudTransaction, collection: string, id: string): Promise<Doc | null> {
  try {
    return (await tx.collection(collection).doc(id).get()).data
  } catch (error) {
    if (isDocumentMissing(error)) return null
    throw error
  }
}

export interface RecordWrites {
  insert(record: StoredRecord, audit: AuditEntries): Promise<InsertOutcome>
  update(next: StoredRecord, expectedVersion: number, audit: AuditEntries): Promise<UpdateOutcome>
  remove(id: string, expectedVersion: number | undefined, audit: AuditEntries): Promise<RemoveOutcome>
}

export function createCloudbaseWrites(db: CloudDatabase, names: RecordCollectionNames): RecordWrites {
  /**
   * The record other than `recordId` that holds (owner, vin), if any. A key whose record is gone or
   * no longer has that VIN (someone edited the data in the console) holds nothing and is taken over.
   */
  const vinHolder = async (tx: CloudTransaction, owner: string, vin: string, recordId: string): Promise<string | null> => {
    const key = await readDoc(tx, names.keys, vinKeyId(owner, vin))
    if (!key || key.recordId === recordId) return null
    const holder = await readDoc(tx, names.records, String(key.recordId))
    const holds = holder !== null && holder.ownerOpenid === owner && (holder.license as { vin?: unknown } | undefined)?.vin === vin
    return holds ? String(key.recordId) : null
  }

  const takeKey = (tx: CloudTransaction, owner: string, vin: string, recordId: string) =>
    tx.collection(names.keys).doc(vinKeyId(owner, vin)).set({ data: { recordId } })

  const releaseKey = async (tx: CloudTransaction, owner: string, vin: string, recordId: string) => {
    const id = vinKeyId(owner, vin)
    const key = await readDoc(tx, names.keys, id)
    if (key?.recordId === recordId) await tx.collection(names.keys).doc(id).remove()
  }

  const appendAudit = async (tx: CloudTransaction, audit: AuditEntries) => {
    for (const entry of auditList(audit)) await tx.collection(names.audit).add({ data: toAuditDoc(entry) })
  }

  return {
    insert(record, audit) {
      return transact(db, async (tx): Promise<InsertOutcome> => {
        if (await readDoc(tx, names.records, record.id)) return { ok: false, reason: 'id-taken' }
        const vin = record.license.vin
        if (vin) {
          const existingId = await vinHolder(tx, record.ownerOpenid, vin, record.id)
          if (existingId) return { ok: false, reason: 'vin-taken', existingId }
          await takeKey(tx, record.ownerOpenid, vin, record.id)
        }
        await tx.collection(names.records).add({ data: toDoc(record) })
        await appendAudit(tx, audit)
        return WRITTEN
      })
    },

    update(next, expectedVersion, audit) {
      return transact(db, async (tx): Promise<UpdateOutcome> => {
        const stored = await readDoc(tx, names.records, next.id)
        if (!stored || stored.version !== expectedVersion) return STALE
        const { ownerOpenid: owner, license } = fromDoc(stored)
        const before = license.vin
        const after = next.license.vin
        if (after !== before) {
          if (after) {
            const existingId = await vinHolder(tx, owner, after, next.id)
            if (existingId) return { ok: false, reason: 'vin-taken', existingId }
            await takeKey(tx, owner, after, next.id)
          }
          if (before) await releaseKey(tx, owner, before, next.id)
        }
        // set() replaces the whole document, so a dropped rejectReason is gone too.
        await tx.collection(names.records).doc(next.id).set({ data: toDocBody(next) })
        await appendAudit(tx, audit)
        return WRITTEN
      })
    },

    remove(id, expectedVersion, audit) {
      return transact(db, async (tx): Promise<RemoveOutcome> => {
        const stored = await readDoc(tx, names.records, id)
        if (!stored || (expectedVersion !== undefined && stored.version !== expectedVersion)) return STALE
        const { ownerOpenid, license } = fromDoc(stored)
        if (license.vin) await releaseKey(tx, ownerOpenid, license.vin, id)
        await tx.collection(names.records).doc(id).remove()
        await appendAudit(tx, audit)
        return WRITTEN
      })
    },
  }
}
