// How records and audit entries are stored as CloudBase documents, and the collections they live in.
// records {_id, ownerOpenid, license, recognized, status, rejectReason?, version, createdAt, updatedAt}
// audit {_id, recordId, actor, action, at, previousStatus, nextStatus, reason?, fields?}
// record_keys {_id: hash of (owner, VIN), recordId}: one record per owner and VIN (./cloudbase-writes.ts).
import type { AuditEntry, LicenseRecord, RecordStatus } from '../../records/model'

export const RECORD_COLLECTIONS = { records: 'records', audit: 'audit', keys: 'record_keys' } as const

export interface RecordCollectionNames {
  records: string
  audit: string
  keys: string
}

export type Doc = Record<string, unknown>

/** Drops undefined members: the database would store them as null. */
function defined(values: Doc): Doc {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
}

export function toDoc(record: LicenseRecord): Doc {
  const { id, ...rest } = record
  return defined({ _id: id, ...rest })
}

/** The document without its _id: what set() takes (it may not carry one). */
export function toDocBody(record: LicenseRecord): Doc {
  const { _id: _ignored, ...body } = toDoc(record)
  return body
}

export function fromDoc(doc: Doc): LicenseRecord {
  const record: LicenseRecord = {
    id: String(doc._id),
    ownerOpenid: doc.ownerOpenid as string,
    license: doc.license as LicenseRecord['license'],
    recognized: (doc.recognized ?? null) as LicenseRecord['recognized'],
    status: doc.status as RecordStatus,
    version: doc.version as number,
    createdAt: doc.createdAt as string,
    updatedAt: doc.updatedAt as string,
  }
  if (typeof doc.rejectReason === 'string') record.rejectReason = doc.rejectReason
  return record
}

export function toAuditDoc(entry: AuditEntry): Doc {
  const { id, ...rest } = entry
  return defined({ _id: id, ...rest })
}

export function fromAuditDoc(doc: Doc): AuditEntry {
  const { _id, ...rest } = doc
  return { id: String(_id), ...rest } as AuditEntry
}
