// The answers of the `records` function: each action's payload, and the failures that carry more
// than an error (the existing record for a duplicate VIN, the current record after a conflict).
import type { AppError } from '../domain/errors'
import type { FieldIssue } from '../domain/validate'
import type { AuditEntry, EvidenceLink, LicenseRecord, Page, StatusCounts } from './records'
import type { RecordsAction } from './records-events'

/**
 * Who is asking, as the server sees it: sent with the first page of `list`, so the records tab
 * learns whether to show the staff entry (and how many records wait) without a call of its own.
 */
export type Viewer = { staff: false } | { staff: true; pending: number }

export interface RecordsPayloads {
  create: { record: LicenseRecord }
  update: { record: LicenseRecord }
  remove: { id: string }
  get: { record: LicenseRecord }
  /** `viewer` comes with the first page (offset 0) only. */
  list: Page<LicenseRecord> & { viewer?: Viewer }
  search: { records: LicenseRecord[] }
  staffQueue: Page<LicenseRecord> & { counts: StatusCounts }
  staffGet: { record: LicenseRecord; issues: FieldIssue[]; audit: AuditEntry[] }
  verify: { record: LicenseRecord }
  reject: { record: LicenseRecord }
  reopen: { record: LicenseRecord }
  exportCsv: { csv: string; filename: string; count: number; truncated: boolean }
  /** cloudPath is null on the local backend (uploads go through POST /api/upload). */
  evidenceTarget: { cloudPath: string | null; expiresAt: string }
  evidenceUrl: { photos: EvidenceLink[] }
  removeEvidence: { record: LicenseRecord }
}

export interface Failure {
  ok: false
  error: AppError
}

// The extras sit beside `error` and inside it: the client store reads them from the error, which
// keeps every failure an FnResult.

/** create/update: another record of this owner has the VIN; the client offers to update that one. */
export interface DuplicateVinFailure extends Failure {
  error: AppError & { existingId: string }
  existingId: string
}

/** VERSION_CONFLICT or INVALID_STATE: the record as it is now, so the client can show what changed. */
export interface StaleFailure extends Failure {
  error: AppError & { current: LicenseRecord }
  current: LicenseRecord
}

export type RecordsResult<A extends RecordsAction = RecordsAction> =
  | ({ ok: true } & RecordsPayloads[A])
  | Failure
  | DuplicateVinFailure
  | StaleFailure

export const DUPLICATE_VIN_MESSAGE = '该车辆识别代号已有记录，是否更新已有记录？'
