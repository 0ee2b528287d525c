// Evidence photos: the license photo kept privately with its record (functions/records/EVIDENCE.md).
// Uploads are claimed before the write that keeps them and released if it fails; replaced or
// dropped photos are deleted only after the write committed. Whoever may not see a record gets
// NOT_FOUND, exactly as for a missing one.
import { appError, type AppError } from '../../src/domain/errors'
import { logUnexpected } from '../shared/log'
import type { EvidenceStore } from '../shared/ports'
import { fail, ok } from '../../src/contract/result'
import { evidenceDeletedEntry, lostRace, photosVersion, type ActionContext } from './context'
import type { StoredEvidence, StoredRecord } from './model'
import type { RecordsResult } from '../../src/contract/records-responses'
import type { RecordsEventOf } from '../../src/contract/records-events'
import { recordView } from './views'

type Requested = NonNullable<RecordsEventOf<'create'>['evidence']>

const NOT_OWNED: AppError = { code: 'UPLOAD_NOT_OWNED', message: '只能附加本人上传的证件照片，请重新拍摄' }

function storeOf(ctx: ActionContext): EvidenceStore | AppError {
  return ctx.evidence ?? appError('INVALID_INPUT', '当前环境不支持保存证件照片')
}

const isStore = (value: EvidenceStore | AppError): value is EvidenceStore => !('code' in value)

export type Claimed = { ok: true; photos: StoredEvidence[]; fresh: string[] } | { ok: false; error: AppError }

/**
 * Makes the requested uploads kept photos of `record` (absent for a create). A fileID the record
 * keeps already stays as it is; a photo kept by another record is refused, so deleting one record
 * never takes another's photo. On a refusal, whatever was claimed is released.
 */
export async function claimEvidence(ctx: ActionContext, requested: Requested, record?: StoredRecord): Promise<Claimed> {
  if (requested.length === 0) return { ok: true, photos: [], fresh: [] }
  const store = storeOf(ctx)
  if (!isStore(store)) return { ok: false, error: store }
  const at = ctx.now().toISOString()
  const photos: StoredEvidence[] = []
  const fresh: string[] = []
  const refuse = async (error: AppError): Promise<Claimed> => {
    await releaseEvidence(ctx, fresh)
    return { ok: false, error }
  }
  for (const { fileID, side } of requested) {
    const kept = record?.evidence?.find((photo) => photo.fileID === fileID)
    if (kept) {
      photos.push({ ...kept, side })
      continue
    }
    // Ownership first (claim), so nobody learns anything about another user's files.
    const claim = await store.claim(fileID, ctx.actor)
    if (!claim.ok) return refuse(claim.error.code === 'UPLOAD_NOT_OWNED' ? NOT_OWNED : claim.error)
    fresh.push(claim.stored)
    if ((await ctx.repo.evidenceHolder(claim.stored)) !== null) return refuse(appError('INVALID_INPUT', '该照片已附加到其他记录'))
    photos.push({ side, fileID: claim.stored, attachedAt: at })
  }
  return { ok: true, photos, fresh }
}

/** The write did not happen: claimed uploads go back to where they were. */
export async function releaseEvidence(ctx: ActionContext, fresh: readonly string[]): Promise<void> {
  for (const stored of fresh) await ctx.evidence?.release(stored)
}

/** After a committed write: new photos are kept for good, dropped ones are deleted. Failures are logged, never answered. */
export async function settleEvidence(ctx: ActionContext, fresh: readonly string[], dropped: readonly StoredEvidence[]): Promise<void> {
  const store = ctx.evidence
  if (!store) return
  try {
    for (const stored of fresh) await store.kept(stored)
    if (dropped.length) await store.remove(dropped.map((photo) => photo.fileID))
  } catch (error) {
    logUnexpected({ fn: 'records', requestId: ctx.requestId ?? '', action: 'settleEvidence' }, error)
  }
}

/** Photos of `before` that `after` no longer keeps. */
export function droppedPhotos(before: StoredRecord, after: StoredRecord): StoredEvidence[] {
  const keeps = new Set((after.evidence ?? []).map((photo) => photo.fileID))
  return (before.evidence ?? []).filter((photo) => !keeps.has(photo.fileID))
}

export async function evidenceTarget(ctx: ActionContext, _event: RecordsEventOf<'evidenceTarget'>): Promise<RecordsResult<'evidenceTarget'>> {
  const store = storeOf(ctx)
  if (!isStore(store)) return fail(store)
  return ok(await store.issueTarget(ctx.actor, ctx.now()))
}

/** Owner or staff: short-lived links. Anyone else: NOT_FOUND, without touching storage. */
export async function evidenceUrl(ctx: ActionContext, event: RecordsEventOf<'evidenceUrl'>): Promise<RecordsResult<'evidenceUrl'>> {
  const record = await ctx.repo.get(event.id)
  if (!record || (record.ownerOpenid !== ctx.actor && !(await ctx.isStaff(ctx.actor)))) return fail(appError('NOT_FOUND'))
  const photos = record.evidence ?? []
  if (photos.length === 0 || !ctx.evidence) return ok({ photos: [] })
  return ok({ photos: await ctx.evidence.links(record.id, photos, ctx.now()) })
}

/** The owner drops the photos of a record; its status and review stay as they are. */
export async function removeEvidence(ctx: ActionContext, event: RecordsEventOf<'removeEvidence'>): Promise<RecordsResult<'removeEvidence'>> {
  const current = await ctx.repo.get(event.id)
  if (!current || current.ownerOpenid !== ctx.actor) return fail(appError('NOT_FOUND'))
  if (!current.evidence?.length) return ok({ record: recordView(current) })
  const next = photosVersion(current, undefined)
  const audit = evidenceDeletedEntry(ctx, current, 'owner', ctx.now().toISOString())
  if (!(await ctx.repo.update(next, current.version, audit)).ok) return lostRace(ctx, current.id, ctx.actor)
  await settleEvidence(ctx, [], current.evidence)
  return ok({ record: recordView(next) })
}
