// What every action gets: the store, who is acting, a clock and an id source; audit entries.
import { appError } from '../../src/domain/errors'
import { fail } from '../shared/result'
import type { RecordRepo } from '../shared/repo/record-repo'
import type { AuditAction, AuditEntry, LicenseRecord, RecordStatus } from './model'
import { versionConflict, type Failure, type StaleFailure } from './responses'

export interface ActionContext {
  repo: RecordRepo
  /** The caller's openid, from the host (never from the event). */
  actor: string
  now: () => Date
  newId: () => string
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
 * The next state of a record: one version on, stamped now. A reject reason survives only if
 * `changes` sets it again: it belongs to the rejection that is being left.
 */
export function nextVersion(current: LicenseRecord, changes: Partial<LicenseRecord>, at: string): LicenseRecord {
  const { rejectReason: _previousReason, ...rest } = current
  return { ...rest, ...changes, version: current.version + 1, updatedAt: at }
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
