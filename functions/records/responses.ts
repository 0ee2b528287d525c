// Responses of the `records` function: FnResult successes per action, and the failures that carry
// more than an error (the existing record for a duplicate VIN, the current record after a conflict).
import type { AppError } from '../../src/domain/errors'
import { appError } from '../../src/domain/errors'
import type { FieldIssue } from '../../src/domain/validate'
import type { EvidenceLink } from '../shared/ports'
import type { Page } from '../shared/repo/record-repo'
import { STATUS_LABELS, type AuditEntry, type LicenseRecord, type StatusCounts, type StoredRecord } from './model'
import { recordView } from './views'
import type { RecordsAction } from './schema'

export interface RecordsPayloads {
  create: { record: LicenseRecord }
  update: { record: LicenseRecord }
  remove: { id: string }
  get: { record: LicenseRecord }
  list: Page<LicenseRecord>
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

// The extras sit beside `error` and inside it: the client store (src/store/records-api.ts) reads
// them from the error, which keeps every failure an FnResult.

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

export function duplicateVin(existingId: string): DuplicateVinFailure {
  return { ok: false, error: { code: 'DUPLICATE_VIN', message: DUPLICATE_VIN_MESSAGE, existingId }, existingId }
}

export function versionConflict(stored: StoredRecord): StaleFailure {
  const current = recordView(stored)
  return { ok: false, error: { ...appError('VERSION_CONFLICT'), current }, current }
}

/** A staff transition the record's current status does not allow (e.g. verifying a rejected record). */
export function invalidState(stored: StoredRecord, actionLabel: string): StaleFailure {
  const current = recordView(stored)
  const message = `记录当前状态为「${STATUS_LABELS[current.status]}」，不能${actionLabel}`
  return { ok: false, error: { code: 'INVALID_STATE', message, current }, current }
}
