// The records store's only way to the backend. The app adapts this port to the `records` cloud
// function; tests implement it in memory. Errors are values (FnResult), like every function's.
import type { AppError } from '../domain/errors'
import type { VehicleLicense } from '../domain/license'
import { isObject, toLicense } from './license-shape'

export type ReviewStatus = 'pending' | 'verified' | 'rejected'

/** Which page of the card an evidence photo shows. */
export type EvidenceSide = 'front' | 'back'

/** An evidence photo as answers describe it: never its fileID (issue 12). */
export interface EvidenceInfo {
  side: EvidenceSide
  attachedAt: string
}

/** An uploaded evidence photo as create/update take it. */
export interface EvidenceUpload {
  fileID: string
  side: EvidenceSide
}

/** A record as the `records` function returns it. */
export interface ServerRecord {
  id: string
  license: VehicleLicense
  /** What the OCR read, kept for audit; null for records typed in by hand. */
  recognized: VehicleLicense | null
  status: ReviewStatus
  rejectReason?: string
  /** Incremented by the server on every write; updates and removes must name the version they saw. */
  version: number
  createdAt: string
  updatedAt: string
  /** The record's evidence photos (get/create/update answers); absent when the answer does not say. */
  evidence?: EvidenceInfo[]
  /** list answers: whether photos are attached. */
  hasEvidence?: boolean
  /** When the retention sweep deleted the photos, if the server says so. */
  evidenceDeletedAt?: string
}

/**
 * Error codes this store reacts to; anything else is a rejection shown to the user.
 * NETWORK: transient, the op stays queued. VERSION_CONFLICT: `current` holds the server's record.
 * DUPLICATE_VIN: `existingId` names the record that already has this VIN.
 */
export const RECORDS_ERROR = {
  NETWORK: 'NETWORK',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  NOT_FOUND: 'NOT_FOUND',
  DUPLICATE_VIN: 'DUPLICATE_VIN',
} as const

/** AppError plus the loosely typed extras some codes carry; read them with the guards below. */
export type RecordsApiError = AppError & { existingId?: unknown; current?: unknown }

/** functions/shared/result FnResult<T> whose error may carry those extras; any FnResult<T> is assignable. */
export type RecordsResult<T extends object> = ({ ok: true } & T) | { ok: false; error: RecordsApiError }

export interface CreateRecordInput {
  license: VehicleLicense
  recognized: VehicleLicense | null
  /** Idempotency key: a create retried after a lost response must not make a second record. */
  clientId: string
  /** Evidence photos already uploaded (0..2). */
  evidence?: EvidenceUpload[]
}

export interface UpdateRecordInput {
  id: string
  version: number
  license: VehicleLicense
  /** Replaces the record's photos when present ([] removes them). */
  evidence?: EvidenceUpload[]
}

export interface RemoveRecordInput {
  id: string
  version: number
}

export interface ListRecordsInput {
  limit?: number
  offset?: number
}

export interface RecordsApi {
  /** May fail with DUPLICATE_VIN carrying existingId. */
  create(input: CreateRecordInput): Promise<RecordsResult<{ record: ServerRecord }>>
  /** VERSION_CONFLICT carries { current: ServerRecord }. */
  update(input: UpdateRecordInput): Promise<RecordsResult<{ record: ServerRecord }>>
  remove(input: RemoveRecordInput): Promise<RecordsResult<object>>
  /** The caller's records, newest first. */
  list(input: ListRecordsInput): Promise<RecordsResult<{ records: ServerRecord[]; total?: number }>>
}

const STATUSES: readonly ReviewStatus[] = ['pending', 'verified', 'rejected']

/** A ServerRecord from untrusted JSON (error payloads, storage), or null when it is not one. */
export function toServerRecord(value: unknown): ServerRecord | null {
  if (!isObject(value)) return null
  const { id, version, status, createdAt, updatedAt, rejectReason } = value
  const license = toLicense(value.license)
  if (typeof id !== 'string' || !id || typeof version !== 'number' || !license) return null
  const record: ServerRecord = {
    id,
    license,
    recognized: toLicense(value.recognized),
    status: STATUSES.includes(status as ReviewStatus) ? (status as ReviewStatus) : 'pending',
    version,
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
  }
  if (typeof rejectReason === 'string') record.rejectReason = rejectReason
  const evidence = toEvidenceInfo(value.evidence)
  if (evidence) record.evidence = evidence
  if (typeof value.hasEvidence === 'boolean') record.hasEvidence = value.hasEvidence
  if (typeof value.evidenceDeletedAt === 'string') record.evidenceDeletedAt = value.evidenceDeletedAt
  return record
}

const SIDES: readonly EvidenceSide[] = ['front', 'back']

/** Evidence descriptions from untrusted JSON; undefined when there is no list. */
export function toEvidenceInfo(value: unknown): EvidenceInfo[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value
    .filter((item): item is Record<string, unknown> => isObject(item) && SIDES.includes(item.side as EvidenceSide))
    .map((item) => ({ side: item.side as EvidenceSide, attachedAt: typeof item.attachedAt === 'string' ? item.attachedAt : '' }))
}

/** The server's record attached to a VERSION_CONFLICT, if the error carries a usable one. */
export function conflictCurrent(error: RecordsApiError): ServerRecord | null {
  return toServerRecord(error.current)
}

/** The id of the record that already holds this VIN, for a DUPLICATE_VIN error. */
export function duplicateOf(error: RecordsApiError | undefined): string | undefined {
  return error && typeof error.existingId === 'string' ? error.existingId : undefined
}
