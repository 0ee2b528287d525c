// Photo retention: a record's evidence photos are deleted EVIDENCE_RETENTION_DAYS (default 30; 0 =
// at the next sweep) after it was verified or rejected. Run by cleanupUploads in the cloud and by a
// timer of the local backend. Each deletion is one compare-and-set write of the record (photos
// gone, status, decision and updatedAt kept) with an 'evidenceDeleted' audit entry; the files are
// deleted first: a failed write then leaves a record naming missing files (links skip those, the
// next run tries again), never a file no record names. A reopened record has no decidedAt.
import { DAY_MS } from '../../src/domain/date'
import { randomUUID } from 'crypto'
import type { EvidenceStore } from '../shared/ports'
import type { RecordRepo } from '../shared/repo/record-repo'
import { nonNegativeIntSetting } from '../shared/settings'
import { photosVersion } from './context'
import type { AuditEntry } from '../../src/contract/records'
import type { StoredRecord } from './model'

export const DEFAULT_EVIDENCE_RETENTION_DAYS = 30
/** Records per page and pages per run: bounds one run well inside a function timeout. */
const PAGE = 100
const MAX_PAGES = 10
/** The actor of sweep entries: no person acted. */
export const RETENTION_ACTOR = 'system'

export function evidenceRetentionDays(env: Readonly<Record<string, string | undefined>>): number {
  return nonNegativeIntSetting('EVIDENCE_RETENTION_DAYS', env.EVIDENCE_RETENTION_DAYS, DEFAULT_EVIDENCE_RETENTION_DAYS)
}

export interface RetentionDeps {
  repo: RecordRepo
  store: Pick<EvidenceStore, 'remove'>
  retentionDays: number
  newId?: () => string
}

export interface RetentionReport {
  /** Records whose photos were deleted. */
  records: number
  photos: number
}

export async function sweepEvidence(deps: RetentionDeps, now: Date): Promise<RetentionReport> {
  const newId = deps.newId ?? (() => randomUUID().replace(/-/g, ''))
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS).toISOString()
  const report: RetentionReport = { records: 0, photos: 0 }
  const skipped = new Set<string>()
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = (await deps.repo.listEvidenceDue(cutoff, PAGE)).filter((record) => !skipped.has(record.id))
    if (due.length === 0) break
    for (const record of due) {
      if (await expire(deps, record, newId, now)) {
        report.records++
        report.photos += record.evidence?.length ?? 0
      } else {
        skipped.add(record.id) // changed meanwhile: the next run sees its new state
      }
    }
    if (due.length < PAGE) break
  }
  return report
}

async function expire(deps: RetentionDeps, record: StoredRecord, newId: () => string, now: Date): Promise<boolean> {
  const audit: AuditEntry = {
    id: newId(),
    recordId: record.id,
    actor: RETENTION_ACTOR,
    action: 'evidenceDeleted',
    at: now.toISOString(),
    previousStatus: record.status,
    nextStatus: record.status,
    reason: 'retention',
  }
  await deps.store.remove((record.evidence ?? []).map((photo) => photo.fileID))
  return (await deps.repo.update(photosVersion(record, undefined), record.version, audit)).ok
}
