// Actions on the caller's own records. Another user's record is answered exactly like a missing one
// (NOT_FOUND), so ids reveal nothing.
import { createHash } from 'crypto'
import { appError } from '../../src/domain/errors'
import { FIELD_KEYS, type FieldKey, type VehicleLicense } from '../../src/domain/license'
import { fail, ok } from '../../src/contract/result'
import { auditEntry, evidenceDeletedEntry, lostRace, nextVersion, type ActionContext } from './context'
import { claimEvidence, droppedPhotos, releaseEvidence, settleEvidence } from './evidence-actions'
import { EVIDENCE_SIDES } from '../../src/contract/records'
import type { RecordsResult, Viewer } from '../../src/contract/records-responses'
import type { StoredEvidence, StoredRecord } from './model'
import { duplicateVin, versionConflict } from './responses'
import type { RecordsEventOf } from '../../src/contract/records-events'
import { recordView, rowView } from './views'

async function loadOwned(ctx: ActionContext, id: string): Promise<StoredRecord | null> {
  const record = await ctx.repo.get(id)
  return record && record.ownerOpenid === ctx.actor ? record : null
}

function changedFields(before: VehicleLicense, after: VehicleLicense): FieldKey[] {
  return FIELD_KEYS.filter((key) => before[key] !== after[key])
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
  // A retried create answers with what the first try stored, before any photo is claimed again.
  if (event.clientId !== undefined) {
    const stored = await loadOwned(ctx, id)
    if (stored) return ok({ record: recordView(stored) })
  }
  const claimed = await claimEvidence(ctx, event.evidence ?? [])
  if (!claimed.ok) return fail(claimed.error)
  const at = ctx.now().toISOString()
  const record: StoredRecord = {
    id,
    ownerOpenid: ctx.actor,
    license: event.license,
    recognized: event.recognized,
    status: 'pending',
    version: 1,
    createdAt: at,
    updatedAt: at,
  }
  if (claimed.photos.length) record.evidence = claimed.photos
  const audit = auditEntry(ctx, { recordId: id, action: 'create', at, previousStatus: null, nextStatus: 'pending' })
  const outcome = await ctx.repo.insert(record, audit)
  if (outcome.ok) {
    await settleEvidence(ctx, claimed.fresh, [])
    return ok({ record: recordView(record) })
  }
  await releaseEvidence(ctx, claimed.fresh)
  // The id is taken (or holds this VIN) only when an earlier try of this same create (same
  // clientId) stored it: answer with what it stored, never with a duplicate of itself.
  if (outcome.reason === 'id-taken' || outcome.existingId === id) {
    const stored = await loadOwned(ctx, id)
    if (stored) return ok({ record: recordView(stored) })
    throw new Error(`create: record id taken, but not by a record of the caller`)
  }
  return duplicateVin(outcome.existingId)
}

/**
 * Each side given replaces the photo of that side; the other side is kept (a rescan keeps the back
 * page) unless it is the very file now given for this side: one file never stands for both sides.
 */
function withPhotos(current: StoredRecord, photos: StoredEvidence[]): StoredEvidence[] {
  const given = new Set(photos.map((photo) => photo.side))
  const givenFiles = new Set(photos.map((photo) => photo.fileID))
  const kept = (current.evidence ?? []).filter((photo) => !given.has(photo.side) && !givenFiles.has(photo.fileID))
  const merged = [...kept, ...photos]
  return EVIDENCE_SIDES.flatMap((side) => merged.filter((photo) => photo.side === side))
}

export async function updateRecord(ctx: ActionContext, event: RecordsEventOf<'update'>): Promise<RecordsResult<'update'>> {
  const current = await loadOwned(ctx, event.id)
  if (!current) return fail(appError('NOT_FOUND'))
  if (current.version !== event.version) return versionConflict(current)
  const fields = changedFields(current.license, event.license)
  const requested = event.evidence ?? []
  // Saving unchanged values (and no photo) is not an edit: it must not send a verified record back to review.
  if (fields.length === 0 && requested.length === 0) return ok({ record: recordView(current) })

  const claimed = requested.length ? await claimEvidence(ctx, requested, current) : undefined
  if (claimed && !claimed.ok) return fail(claimed.error)
  const at = ctx.now().toISOString()
  // Any edit (a new photo too) needs a fresh review, whatever staff decided before.
  const next = nextVersion(current, { license: event.license, status: 'pending' }, at)
  if (claimed) next.evidence = withPhotos(current, claimed.photos)
  const dropped = droppedPhotos(current, next)
  const audit = [auditEntry(ctx, { recordId: next.id, action: 'update', at, previousStatus: current.status, nextStatus: 'pending', fields })]
  if (dropped.length) audit.push(evidenceDeletedEntry(ctx, current, 'replaced', at, 'pending'))
  const outcome = await ctx.repo.update(next, current.version, audit)
  if (outcome.ok) {
    await settleEvidence(ctx, claimed?.fresh ?? [], dropped)
    return ok({ record: recordView(next) })
  }
  await releaseEvidence(ctx, claimed?.fresh ?? [])
  if (outcome.reason === 'vin-taken') return duplicateVin(outcome.existingId)
  return lostRace(ctx, current.id, ctx.actor)
}

/** Rounds of a removal without a version: each removes exactly the state it read, photos included. */
const REMOVE_ROUNDS = 3

export async function removeRecord(ctx: ActionContext, event: RecordsEventOf<'remove'>): Promise<RecordsResult<'remove'>> {
  for (let round = 1; ; round++) {
    const current = await loadOwned(ctx, event.id)
    if (!current) return fail(appError('NOT_FOUND'))
    if (event.version !== undefined && current.version !== event.version) return versionConflict(current)
    const at = ctx.now().toISOString()
    const audit = [auditEntry(ctx, { recordId: current.id, action: 'remove', at, previousStatus: current.status, nextStatus: null })]
    if (current.evidence?.length) audit.push(evidenceDeletedEntry(ctx, current, 'record-removed', at, null))
    // Always the version read: the photos deleted below are then exactly the ones the removed record kept.
    const outcome = await ctx.repo.remove(current.id, current.version, audit)
    if (outcome.ok) {
      await settleEvidence(ctx, [], current.evidence ?? [])
      return ok({ id: current.id })
    }
    if (event.version !== undefined || round >= REMOVE_ROUNDS) return lostRace(ctx, current.id, ctx.actor)
  }
}

export async function getRecord(ctx: ActionContext, event: RecordsEventOf<'get'>): Promise<RecordsResult<'get'>> {
  const record = await loadOwned(ctx, event.id)
  return record ? ok({ record: recordView(record) }) : fail(appError('NOT_FOUND'))
}

/** Who the caller is, for the records tab: the staff entry and its pending count come with the list. */
async function viewerOf(ctx: ActionContext): Promise<Viewer> {
  if (!(await ctx.isStaff(ctx.actor))) return { staff: false }
  const counts = await ctx.repo.countByStatus({})
  return { staff: true, pending: counts.pending }
}

export async function listRecords(ctx: ActionContext, event: RecordsEventOf<'list'>): Promise<RecordsResult<'list'>> {
  const [page, viewer] = await Promise.all([
    ctx.repo.listByOwner(ctx.actor, { limit: event.limit, offset: event.offset }),
    // The first page only: later pages belong to the same pull.
    event.offset === 0 ? viewerOf(ctx) : undefined,
  ])
  const rows = { records: page.records.map(rowView), nextOffset: page.nextOffset }
  return ok(viewer ? { ...rows, viewer } : rows)
}

export async function searchRecords(ctx: ActionContext, event: RecordsEventOf<'search'>): Promise<RecordsResult<'search'>> {
  return ok({ records: (await ctx.repo.searchByOwner(ctx.actor, event.query, event.limit)).map(rowView) })
}
