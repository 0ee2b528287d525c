// What every action gets: the store, who is acting, a clock and an id source; audit entries.
import { appError } from '../../src/domain/errors'
import { fail } from '../../src/contract/result'
import type { EvidenceStore } from '../shared/ports'
import type { RecordRepo } from '../shared/repo/record-repo'
import type { AuditAction, AuditEntry, EvidenceDeletion, RecordStatus } from '../../src/contract/records'
import type { Failure, StaleFailure } from '../../src/contract/records-responses'
import type { StoredRecord } from './model'
import { versionConflict } from './responses'

export interface ActionContext {
  repo: RecordRepo
  /** The caller's openid, from the host (never from the event). */
  actor: string
  now: () => Date
  newId: () => string
  isStaff: (openid: string) => Promise<boolean>
  /** Absent: this host keeps no evidence photos (evidence actions answer INVALID_INPUT). */
  evidence?: EvidenceStore
  /** For logs of failures after a commit (photo deletion). */
  requestId?: string
}

export interface AuditFacts {
  recordId: string
  action: AuditAction
  at: string
  previousStatus: RecordStatus | null
  nextStatus: RecordStatus | null
  reason?: string
  fields?: AuditEntry['fields']
}

/** The audit entry of a write by the caller; the repo stores it together with the write. */
export function auditEntry(ctx: ActionContext, facts: AuditFacts): AuditEntry {
  const entry: AuditEntry = { id: ctx.newId(), actor: ctx.actor, ...facts }
  if (entry.reason === undefined) delete entry.reason
  if (entry.fields === undefined) delete entry.fields
  return entry
}

/**
 * The next state of a record: one version on, stamped now. A reject reason and the decision time
 * survive only if `changes` sets them again: they belong to the decision that is being left.
 */
export function nextVersion(current: StoredRecord, changes: Partial<StoredRecord>, at: string): StoredRecord {
  const { rejectReason: _previousReason, decidedAt: _previousDecision, ...rest } = current
  return { ...rest, ...changes, version: current.version + 1, updatedAt: at }
}

/** A write of the photos alone: one version on, status, decision and updatedAt kept (the CSV's 核验时间). */
export function photosVersion(current: StoredRecord, evidence: StoredRecord['evidence']): StoredRecord {
  const { evidence: _previous, ...rest } = current
  return evidence?.length ? { ...rest, evidence, version: current.version + 1 } : { ...rest, version: current.version + 1 }
}

/** The audit entry of a photo deletion: why, never which file. */
export function evidenceDeletedEntry(ctx: ActionContext, record: StoredRecord, reason: EvidenceDeletion, at: string, nextStatus: RecordStatus | null = record.status): AuditEntry {
  return auditEntry(ctx, { recordId: record.id, action: 'evidenceDeleted', at, previousStatus: record.status, nextStatus, reason })
}

/**
 * After a compare-and-set lost (a stale outcome): the record changed (conflict, with its current
 * state) or went away.
 * `owner` limits what counts as found, so a record that changed hands never leaks.
 */
export async function lostRace(ctx: ActionContext, id: string, owner?: string): Promise<Failure | StaleFailure> {
  const current = await ctx.repo.get(id)
  if (!current || (owner !== undefined && current.ownerOpenid !== owner)) return fail(appError('NOT_FOUND'))
  return versionConflict(current)
}
