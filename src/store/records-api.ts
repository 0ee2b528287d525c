// The records store's only way to the backend. The app adapts this port to the `records` cloud
// function; tests implement it in memory. Errors are values (FnResult), like every function's.
import type { AppError } from '../domain/errors'
import { EVIDENCE_SIDES, RECORD_STATUSES, type EvidenceInfo, type EvidenceSide, type LicenseRecord, type RecordStatus } from '../contract/records'
import type { RecordsPayloads } from '../contract/records-responses'
import type { RecordsInputOf } from '../contract/records-events'
import { isObject, toLicense } from './license-shape'

/** A record as this client keeps it: the server's answer without the owner (always the caller). */
export type ServerRecord = Omit<LicenseRecord, 'ownerOpenid'>

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

/** contract FnResult<T> whose error may carry those extras; any FnResult<T> is assignable. */
export type RecordsResult<T extends object> = ({ ok: true } & T) | { ok: false; error: RecordsApiError }

export type CreateRecordInput = Omit<RecordsInputOf<'create'>, 'action'>
export type UpdateRecordInput = Omit<RecordsInputOf<'update'>, 'action'>
export type RemoveRecordInput = Omit<RecordsInputOf<'remove'>, 'action'>
export type ListRecordsInput = Omit<RecordsInputOf<'list'>, 'action'>

/** A `list` page as the store reads it: the server's answer with records in the client's shape. */
export type RecordsListPage = Omit<RecordsPayloads['list'], 'records'> & { records: ServerRecord[] }

export interface RecordsApi {
  /** May fail with DUPLICATE_VIN carrying existingId. */
  create(input: CreateRecordInput): Promise<RecordsResult<{ record: ServerRecord }>>
  /** VERSION_CONFLICT carries { current: ServerRecord }. */
  update(input: UpdateRecordInput): Promise<RecordsResult<{ record: ServerRecord }>>
  remove(input: RemoveRecordInput): Promise<RecordsResult<object>>
  /** The caller's records, newest first; the first page also says who the caller is (viewer). */
  list(input: ListRecordsInput): Promise<RecordsResult<RecordsListPage>>
}

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
    status: RECORD_STATUSES.includes(status as RecordStatus) ? (status as RecordStatus) : 'pending',
    version,
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
  }
  if (typeof rejectReason === 'string') record.rejectReason = rejectReason
  const evidence = toEvidenceInfo(value.evidence)
  if (evidence) record.evidence = evidence
  if (typeof value.hasEvidence === 'boolean') record.hasEvidence = value.hasEvidence
  return record
}

/** Evidence descriptions from untrusted JSON; undefined when there is no list. */
export function toEvidenceInfo(value: unknown): EvidenceInfo[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value
    .filter((item): item is Record<string, unknown> => isObject(item) && EVIDENCE_SIDES.includes(item.side as EvidenceSide))
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
