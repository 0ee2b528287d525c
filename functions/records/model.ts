// Stored shapes of the `records` function: a confirmed license with its review state, and the
// append-only audit trail. Pure TypeScript, shared by the cloud function, the local server and the client.
import type { FieldKey, VehicleLicense } from '../../src/domain/license'

export type RecordStatus = 'pending' | 'verified' | 'rejected'

export const RECORD_STATUSES: readonly RecordStatus[] = ['pending', 'verified', 'rejected']

export const STATUS_LABELS: Readonly<Record<RecordStatus, string>> = {
  pending: '待审核',
  verified: '已核验',
  rejected: '已驳回',
}

export type EvidenceSide = 'front' | 'back'

export const EVIDENCE_SIDES: readonly EvidenceSide[] = ['front', 'back']

/** What answers tell about a kept photo: which side and since when, never where it is stored. */
export interface EvidenceInfo {
  side: EvidenceSide
  attachedAt: string
}

/** A kept photo as stored with its record (cloud fileID or local evidence id); never sent to clients. */
export interface StoredEvidence extends EvidenceInfo {
  fileID: string
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

/** A record as the repositories store it: photos with their storage ids, and when it was decided. */
export interface StoredRecord extends Omit<LicenseRecord, 'evidence' | 'hasEvidence'> {
  evidence?: StoredEvidence[]
  /** When it last became verified or rejected; absent while pending. Starts the photo retention clock. */
  decidedAt?: string
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
