// Staff review: the queue, one record with its checks and audit trail, verify / reject / reopen,
// and the CSV export. The handler has already checked the staff role on the server.
import { todayInChina } from '../../src/domain/date'
import { appError } from '../../src/domain/errors'
import { validate } from '../../src/domain/validate'
import { MAX_PAGE_SIZE, type RecordsEventOf } from '../../src/contract/records-events'
import { fail, ok } from '../../src/contract/result'
import { auditEntry, lostRace, nextVersion, type ActionContext } from './context'
import { recordsCsv } from './csv'
import { chinaDayEnd, chinaDayStart } from './dates'
import type { AuditAction, RecordStatus } from '../../src/contract/records'
import type { RecordsResult } from '../../src/contract/records-responses'
import type { StoredRecord } from './model'
import { invalidState, versionConflict } from './responses'
import { recordView, rowView } from './views'

/** Rows per export: keeps the CSV well under the 1 MB a cloud function may return. */
export const EXPORT_MAX_ROWS = 2000

export async function staffQueue(ctx: ActionContext, event: RecordsEventOf<'staffQueue'>): Promise<RecordsResult<'staffQueue'>> {
  const range = {
    from: event.from === undefined ? undefined : chinaDayStart(event.from),
    to: event.to === undefined ? undefined : chinaDayEnd(event.to),
    platePrefix: event.platePrefix,
  }
  const [page, counts] = await Promise.all([
    ctx.repo.listByStatus({ ...range, status: event.status, limit: event.limit, offset: event.offset }),
    ctx.repo.countByStatus(range),
  ])
  return ok({ records: page.records.map(rowView), nextOffset: page.nextOffset, counts })
}

export async function staffGet(ctx: ActionContext, event: RecordsEventOf<'staffGet'>): Promise<RecordsResult<'staffGet'>> {
  const record = await ctx.repo.get(event.id)
  if (!record) return fail(appError('NOT_FOUND'))
  const audit = await ctx.repo.listAudit(record.id)
  return ok({ record: recordView(record), issues: validate(record.license, { today: todayInChina(ctx.now()) }), audit })
}

interface Transition {
  action: AuditAction
  /** Chinese verb for the INVALID_STATE message */
  label: string
  from: readonly RecordStatus[]
  to: RecordStatus
  /** A decision needs a second pair of eyes: staff may not decide on a record they own. */
  allowedOnOwnRecord: boolean
}

const VERIFY: Transition = { action: 'verify', label: '核验通过', from: ['pending'], to: 'verified', allowedOnOwnRecord: false }
const REJECT: Transition = { action: 'reject', label: '驳回', from: ['pending'], to: 'rejected', allowedOnOwnRecord: false }
/** Reopening decides nothing: the record goes back to the queue for someone to decide. */
const REOPEN: Transition = { action: 'reopen', label: '重新打开', from: ['verified', 'rejected'], to: 'pending', allowedOnOwnRecord: true }

async function transition(
  ctx: ActionContext,
  id: string,
  expectedVersion: number | undefined,
  step: Transition,
  reason?: string,
): Promise<RecordsResult<'verify' | 'reject' | 'reopen'>> {
  const current = await ctx.repo.get(id)
  if (!current) return fail(appError('NOT_FOUND'))
  if (!step.allowedOnOwnRecord && current.ownerOpenid === ctx.actor) {
    return fail(appError('FORBIDDEN', `不能${step.label}自己提交的记录，请由其他核验人员处理`))
  }
  if (expectedVersion !== undefined && current.version !== expectedVersion) return versionConflict(current)
  if (!step.from.includes(current.status)) return invalidState(current, step.label)

  const at = ctx.now().toISOString()
  const changes: Partial<StoredRecord> = reason === undefined ? { status: step.to } : { status: step.to, rejectReason: reason }
  // A decision starts the photos' retention clock; reopening stops it (nextVersion drops decidedAt).
  if (step.to !== 'pending') changes.decidedAt = at
  const next = nextVersion(current, changes, at)
  const audit = auditEntry(ctx, { recordId: id, action: step.action, at, previousStatus: current.status, nextStatus: step.to, reason })
  // The license is unchanged, so its VIN cannot collide: a failed write lost a race.
  if (!(await ctx.repo.update(next, current.version, audit)).ok) return lostRace(ctx, id)
  return ok({ record: recordView(next) })
}

export const verifyRecord = (ctx: ActionContext, event: RecordsEventOf<'verify'>) =>
  transition(ctx, event.id, event.version, VERIFY)

export const rejectRecord = (ctx: ActionContext, event: RecordsEventOf<'reject'>) =>
  transition(ctx, event.id, event.version, REJECT, event.reason)

/** Reopen takes no version: sending a decided record back to review is safe whatever changed. */
export const reopenRecord = (ctx: ActionContext, event: RecordsEventOf<'reopen'>) =>
  transition(ctx, event.id, undefined, REOPEN)

export async function exportCsv(ctx: ActionContext, event: RecordsEventOf<'exportCsv'>): Promise<RecordsResult<'exportCsv'>> {
  const from = chinaDayStart(event.from)
  const to = chinaDayEnd(event.to)
  const records: StoredRecord[] = []
  let offset: number | null = 0
  while (offset !== null && records.length < EXPORT_MAX_ROWS) {
    const page: Awaited<ReturnType<typeof ctx.repo.listVerifiedBetween>> = await ctx.repo.listVerifiedBetween(from, to, {
      limit: Math.min(MAX_PAGE_SIZE, EXPORT_MAX_ROWS - records.length),
      offset,
    })
    records.push(...page.records)
    offset = page.nextOffset
  }
  return ok({
    csv: recordsCsv(records),
    filename: `行驶证核验记录_${event.from}_${event.to}.csv`,
    count: records.length,
    truncated: offset !== null,
  })
}
