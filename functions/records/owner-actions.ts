// Actions on the caller's own records. Another user's record is answered exactly like a missing one
// (NOT_FOUND), so ids reveal nothing.
import { createHash } from 'crypto'
import { appError } from '../../src/domain/errors'
import { FIELD_KEYS, type FieldKey, type VehicleLicense } from '../../src/domain/license'
import { fail, ok } from '../shared/result'
import { lostRace, nextVersion, writeAudit, type ActionContext } from './context'
import type { LicenseRecord } from './model'
import { duplicateVin, versionConflict, type RecordsResult } from './responses'
import type { RecordsEventOf } from './schema'

async function loadOwned(ctx: ActionContext, id: string): Promise<LicenseRecord | null> {
  const record = await ctx.repo.get(id)
  return record && record.ownerOpenid === ctx.actor ? record : null
}

function changedFields(before: VehicleLicense, after: VehicleLicense): FieldKey[] {
  return FIELD_KEYS.filter((key) => before[key] !== after[key])
}

/** Another of the caller's records with this VIN, if any (an empty VIN matches nothing). */
async function otherWithVin(ctx: ActionContext, vin: string, exceptId?: string): Promise<LicenseRecord | null> {
  if (!vin) return null
  const existing = await ctx.repo.findByVin(ctx.actor, vin)
  return existing && existing.id !== exceptId ? existing : null
}

/**
 * With a clientId the record id is derived from (owner, clientId): a retried create finds the first
 * one's record, and the id says nothing about any other user's.
 */
function idFor(ctx: ActionContext, clientId: string | undefined): string {
  return clientId === undefined ? ctx.newId() : createHash('sha256').update(`${ctx.actor}\n${clientId}`).digest('hex').slice(0, 32)
}

export async function createRecord(ctx: ActionContext, event: RecordsEventOf<'create'>): Promise<RecordsResult<'create'>> {
  const id = idFor(ctx, event.clientId)
  if (event.clientId !== undefined) {
    const replayed = await loadOwned(ctx, id)
    if (replayed) return ok({ record: replayed })
  }
  const existing = await otherWithVin(ctx, event.license.vin)
  if (existing) return duplicateVin(existing.id)
  const at = ctx.now().toISOString()
  const record: LicenseRecord = {
    id,
    ownerOpenid: ctx.actor,
    license: event.license,
    recognized: event.recognized,
    status: 'pending',
    version: 1,
    createdAt: at,
    updatedAt: at,
  }
  try {
    await ctx.repo.insert(record)
  } catch (error) {
    // A concurrent retry of the same create got there first: answer with its record.
    const replayed = event.clientId === undefined ? null : await loadOwned(ctx, id)
    if (replayed) return ok({ record: replayed })
    throw error
  }
  await writeAudit(ctx, { recordId: record.id, action: 'create', at, previousStatus: null, nextStatus: 'pending' })
  return ok({ record })
}

export async function updateRecord(ctx: ActionContext, event: RecordsEventOf<'update'>): Promise<RecordsResult<'update'>> {
  const current = await loadOwned(ctx, event.id)
  if (!current) return fail(appError('NOT_FOUND'))
  if (current.version !== event.version) return versionConflict(current)
  const fields = changedFields(current.license, event.license)
  // Saving unchanged values is not an edit: it must not send a verified record back to review.
  if (fields.length === 0) return ok({ record: current })
  const existing = await otherWithVin(ctx, event.license.vin, current.id)
  if (existing) return duplicateVin(existing.id)

  const at = ctx.now().toISOString()
  // Any edit needs a fresh review, whatever staff decided before.
  const next = nextVersion(current, { license: event.license, status: 'pending' }, at)
  if (!(await ctx.repo.update(next, current.version))) return lostRace(ctx, current.id, ctx.actor)
  await writeAudit(ctx, { recordId: next.id, action: 'update', at, previousStatus: current.status, nextStatus: 'pending', fields })
  return ok({ record: next })
}

export async function removeRecord(ctx: ActionContext, event: RecordsEventOf<'remove'>): Promise<RecordsResult<'remove'>> {
  const current = await loadOwned(ctx, event.id)
  if (!current) return fail(appError('NOT_FOUND'))
  if (event.version !== undefined && current.version !== event.version) return versionConflict(current)
  if (!(await ctx.repo.remove(current.id, event.version))) return lostRace(ctx, current.id, ctx.actor)
  const at = ctx.now().toISOString()
  await writeAudit(ctx, { recordId: current.id, action: 'remove', at, previousStatus: current.status, nextStatus: null })
  return ok({ id: current.id })
}

export async function getRecord(ctx: ActionContext, event: RecordsEventOf<'get'>): Promise<RecordsResult<'get'>> {
  const record = await loadOwned(ctx, event.id)
  return record ? ok({ record }) : fail(appError('NOT_FOUND'))
}

export async function listRecords(ctx: ActionContext, event: RecordsEventOf<'list'>): Promise<RecordsResult<'list'>> {
  return ok(await ctx.repo.listByOwner(ctx.actor, { limit: event.limit, offset: event.offset }))
}

export async function searchRecords(ctx: ActionContext, event: RecordsEventOf<'search'>): Promise<RecordsResult<'search'>> {
  return ok({ records: await ctx.repo.searchByOwner(ctx.actor, event.query, event.limit) })
}
