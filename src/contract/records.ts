// The wire contract of the `records` function: records and their review state as answers carry
// them, and the audit trail. Events (what a client sends) are in ./records-events.ts, each action's
// answer and the failures that carry more than an error in ./records-responses.ts.
import type { FieldKey, VehicleLicense } from '../domain/license'

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
