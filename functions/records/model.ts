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
}

export type AuditAction = 'create' | 'update' | 'remove' | 'verify' | 'reject' | 'reopen'

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
  /** The reject reason. */
  reason?: string
  /** License fields an 'update' changed. */
  fields?: FieldKey[]
}

export interface StatusCounts {
  pending: number
  verified: number
  rejected: number
}
