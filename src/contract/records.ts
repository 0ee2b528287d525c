// The wire contract of the `records` function: records and their review state as answers carry
// them, the audit trail, each action's answer and the failures that carry more than an error.
// Events (what a client sends) are in ./records-events.ts.
import type { AppError } from '../domain/errors'
import type { FieldKey, VehicleLicense } from '../domain/license'
import type { FieldIssue } from '../domain/validate'
import type { RecordsAction } from './records-events'

export type RecordStatus = 'pending' | 'verified' | 'rejected'

export const RECORD_STATUSES: readonly RecordStatus[] = ['pending', 'verified', 'rejected']

export const STATUS_LABELS: Readonly<Record<RecordStatus, string>> = {
  pending: '待审核',
  verified: '已核验',
  rejected: '已驳回',
}

/** Which page of the card a photo shows. */
export type EvidenceSide = 'front' | 'back'

export const EVIDENCE_SIDES: readonly EvidenceSide[] = ['front', 'back']

/** What answers tell about a kept photo: which side and since when, never where it is stored. */
export interface EvidenceInfo {
  side: EvidenceSide
  attachedAt: string
}

/** An uploaded photo as create/update take it. */
export interface EvidenceUpload {
  fileID: string
  side: EvidenceSide
}

/** A short-lived link to a kept photo (evidenceUrl). */
export interface EvidenceLink {
  side: EvidenceSide
  url: string
  expiresAt: string
}

/** A record as answers carry it (see functions/records/EVIDENCE.md). */
export interface LicenseRecord {
  id: string
  ownerOpenid: string
  license: VehicleLicense
  /** Values as first recognized, kept unchanged so staff can compare them with the confirmed ones. */
  recognized: VehicleLicense | null
  status: RecordStatus
  /** Present only while status is 'rejected'. */
  rejectReason?: string
  /** Starts at 1; every write increments it (compare-and-set). */
  version: number
  /** ISO instants (Date#toISOString), so string order is time order. */
  createdAt: string
  updatedAt: string
  /** get/create/update/staffGet and decisions: the kept photos (absent when none). */
  evidence?: EvidenceInfo[]
  /** list/search/staffQueue: whether photos are kept. */
  hasEvidence?: boolean
}

export type AuditAction = 'create' | 'update' | 'remove' | 'verify' | 'reject' | 'reopen' | 'evidenceDeleted'

/** Why photos were deleted (the `reason` of an 'evidenceDeleted' audit entry). */
export type EvidenceDeletion = 'retention' | 'record-removed' | 'replaced' | 'owner'

export interface AuditEntry {
  id: string
  recordId: string
  /** Openid of whoever acted (owner or staff). */
  actor: string
  action: AuditAction
  at: string
  /** null for 'create' */
  previousStatus: RecordStatus | null
  /** null for 'remove' */
  nextStatus: RecordStatus | null
  /** The reject reason; for 'evidenceDeleted', an EvidenceDeletion. */
  reason?: string
  /** License fields an 'update' changed. */
  fields?: FieldKey[]
}

export interface StatusCounts {
  pending: number
  verified: number
  rejected: number
}

export interface Page<T> {
  records: T[]
  /** Offset of the next page; null on the last page. */
  nextOffset: number | null
}

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
