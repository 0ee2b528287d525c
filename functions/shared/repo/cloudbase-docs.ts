// How records and audit entries are stored as CloudBase documents, and the collections they live in.
// records {_id, ownerOpenid, license, recognized, status, rejectReason?, version, createdAt, updatedAt,
//          evidence?: {front?: {fileID, attachedAt}, back?: …}, hasEvidence, decidedAt?}
//   Photos are keyed by side (not an array), so `evidence.front.fileID` is a plain dot path a query
//   can match; hasEvidence + decidedAt let the retention sweep find due photos with one index.
// audit {_id, recordId, actor, action, at, previousStatus, nextStatus, reason?, fields?}
// record_keys {_id: hash of (owner, VIN), recordId}: one record per owner and VIN (./cloudbase-writes.ts).
import { EVIDENCE_SIDES, type AuditEntry, type RecordStatus } from '../../../src/contract/records'
import type { StoredEvidence, StoredRecord } from '../../records/model'

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

export function toDoc(record: StoredRecord): Doc {
  const { id, evidence, ...rest } = record
  const photos = evidence ?? []
  const bySide = Object.fromEntries(photos.map(({ side, fileID, attachedAt }) => [side, { fileID, attachedAt }]))
  return defined({ _id: id, ...rest, evidence: photos.length ? bySide : undefined, hasEvidence: photos.length > 0 })
}

function evidenceOf(value: unknown): StoredEvidence[] {
  if (typeof value !== 'object' || value === null) return []
  const bySide = value as Record<string, { fileID?: unknown; attachedAt?: unknown } | undefined>
  return EVIDENCE_SIDES.flatMap((side) => {
    const photo = bySide[side]
    return typeof photo?.fileID === 'string' ? [{ side, fileID: photo.fileID, attachedAt: String(photo.attachedAt) }] : []
  })
}

/** The document without its _id: what set() takes (it may not carry one). */
export function toDocBody(record: StoredRecord): Doc {
  const { _id: _ignored, ...body } = toDoc(record)
  return body
}

export function fromDoc(doc: Doc): StoredRecord {
  const record: StoredRecord = {
    id: String(doc._id),
    ownerOpenid: doc.ownerOpenid as string,
    license: doc.license as StoredRecord['license'],
    recognized: (doc.recognized ?? null) as StoredRecord['recognized'],
    status: doc.status as RecordStatus,
    version: doc.version as number,
    createdAt: doc.createdAt as string,
    updatedAt: doc.updatedAt as string,
  }
  if (typeof doc.rejectReason === 'string') record.rejectReason = doc.rejectReason
  const evidence = evidenceOf(doc.evidence)
  if (evidence.length) record.evidence = evidence
  if (typeof doc.decidedAt === 'string') record.decidedAt = doc.decidedAt
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
