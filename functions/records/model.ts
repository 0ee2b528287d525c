// Stored shapes of the `records` function: what the repositories keep beyond what answers carry
// (photo storage ids, the decision time). The wire shapes are in src/contract/records.ts.
import type { EvidenceInfo, LicenseRecord } from '../../src/contract/records'

/** A kept photo as stored with its record (cloud fileID or local evidence id); never sent to clients. */
export interface StoredEvidence extends EvidenceInfo {
  fileID: string
}

/** A record as the repositories store it: photos with their storage ids, and when it was decided. */
export interface StoredRecord extends Omit<LicenseRecord, 'evidence' | 'hasEvidence'> {
  evidence?: StoredEvidence[]
  /** When it last became verified or rejected; absent while pending. Starts the photo retention clock. */
  decidedAt?: string
}
