// The `records` cloud function: every read and write of license records goes through here (client
// database access is denied by security rules). Scoped to the caller's openid; staff actions check
// the role on the server. Errors are returned as values, never thrown.
import { randomUUID } from 'crypto'
import * as v from 'valibot'
import { appError } from '../../src/domain/errors'
import { logUnexpected, requestIdOf } from '../shared/log'
import type { EvidenceStore, CallContext } from '../shared/ports'
import type { RecordRepo } from '../shared/repo/record-repo'
import { fail } from '../../src/contract/result'
import type { ActionContext } from './context'
import { evidenceTarget, evidenceUrl, removeEvidence } from './evidence-actions'
import { createRecord, getRecord, listRecords, removeRecord, searchRecords, updateRecord } from './owner-actions'
import type { RecordsResult } from '../../src/contract/records-responses'
import { describeIssue, RecordsEvent, STAFF_ACTIONS } from '../../src/contract/records-events'
import { exportCsv, rejectRecord, reopenRecord, staffGet, staffQueue, verifyRecord } from './staff-actions'

export interface RecordsDeps {
  repo: RecordRepo
  /** Server-side role check (staff collection / configured openids), never trusted from the event. */
  isStaff: (openid: string) => Promise<boolean>
  /** Where evidence photos live; absent: this host keeps none. */
  evidence?: EvidenceStore
  now?: () => Date
  /** Ids for records and audit entries; must match schema.ID_PATTERN. */
  newId?: () => string
}

export type RecordsHandler = (event: unknown, ctx: CallContext) => Promise<RecordsResult>

function dispatch(ctx: ActionContext, event: RecordsEvent): Promise<RecordsResult> {
  switch (event.action) {
    case 'create':
      return createRecord(ctx, event)
    case 'update':
      return updateRecord(ctx, event)
    case 'remove':
      return removeRecord(ctx, event)
    case 'get':
      return getRecord(ctx, event)
    case 'list':
      return listRecords(ctx, event)
    case 'search':
      return searchRecords(ctx, event)
    case 'staffQueue':
      return staffQueue(ctx, event)
    case 'staffGet':
      return staffGet(ctx, event)
    case 'verify':
      return verifyRecord(ctx, event)
    case 'reject':
      return rejectRecord(ctx, event)
    case 'reopen':
      return reopenRecord(ctx, event)
    case 'exportCsv':
      return exportCsv(ctx, event)
    case 'evidenceTarget':
      return evidenceTarget(ctx, event)
    case 'evidenceUrl':
      return evidenceUrl(ctx, event)
    case 'removeEvidence':
      return removeEvidence(ctx, event)
  }
}

const actionOf = (event: unknown): unknown =>
  typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined

export function createRecordsHandler(deps: RecordsDeps): RecordsHandler {
  const now = deps.now ?? (() => new Date())
  const newId = deps.newId ?? (() => randomUUID().replace(/-/g, ''))

  return async function records(event, call) {
    /** Known action names only: the event itself is never logged. */
    let knownAction: string | undefined
    try {
      const actor = call?.openid
      if (typeof actor !== 'string' || actor === '') return fail(appError('UNAUTHORIZED'))
      // The role is checked before the payload, so non-staff learn nothing about staff actions.
      const action = actionOf(event)
      if (typeof action === 'string' && STAFF_ACTIONS.has(action)) {
        knownAction = action
        if (!(await deps.isStaff(actor))) return fail(appError('FORBIDDEN'))
      }
      const parsed = v.safeParse(RecordsEvent, event)
      if (!parsed.success) return fail(appError('INVALID_INPUT', describeIssue(parsed.issues[0])))
      knownAction = parsed.output.action
      const ctx: ActionContext = { repo: deps.repo, actor, now, newId, isStaff: deps.isStaff, evidence: deps.evidence, requestId: call?.requestId }
      return await dispatch(ctx, parsed.output)
    } catch (error) {
      // Logged for the function's log (no event, no license value); the caller only learns that it failed.
      logUnexpected({ fn: 'records', requestId: call?.requestId ?? requestIdOf(undefined), action: knownAction }, error)
      return fail(appError('INTERNAL'))
    }
  }
}
