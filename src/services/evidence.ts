// Evidence photos over the `records` function (issue 12): the outbox's upload port, and the
// short-lived URLs the owner and staff view photos by. Contract: functions/records/EVIDENCE.md.
import { fail, type FnResult } from '../contract/result'
import { appError } from '../domain/errors'
import type { EvidencePort } from '../store/records'
import type { EvidenceSide } from '../contract/records'
import { evidenceFiles } from './evidence-files'
import { gateway } from './gateway'

export interface EvidencePhoto {
  side: EvidenceSide
  /** weapp: a temporary HTTPS URL; H5: /api/evidence/<token>. Valid about 10 minutes. */
  url: string
  expiresAt: string
}

interface EvidenceTarget {
  cloudPath: string | null
  expiresAt: string
}

export const evidencePort: EvidencePort = {
  async upload(ref) {
    const opened = await evidenceFiles.open(ref)
    // Not a transport failure: the record goes without this photo rather than wait for ever.
    if (!opened) return fail(appError('IMAGE_UNREADABLE', '证件照片的本地副本已不存在'))
    try {
      const target = await gateway.call<EvidenceTarget>('records', { action: 'evidenceTarget' })
      if (!target.ok) return target
      if (typeof target.cloudPath === 'string' && target.cloudPath) {
        return await gateway.uploadImage(opened.path, { target: { cloudPath: target.cloudPath, expiresAt: target.expiresAt } })
      }
      // Only the local backend names uploads itself; on weapp a missing path would send the photo
      // to the recognition uploads (which are deleted once read).
      if (process.env.TARO_ENV === 'weapp') return fail(appError('INTERNAL', '证件照片上传位置无效'))
      return await gateway.uploadImage(opened.path, { target: null })
    } finally {
      opened.release()
    }
  },
  discard: (ref) => evidenceFiles.discard(ref),
}

/** The record's photos for its owner or staff; NOT_FOUND for anyone else. */
export async function evidenceUrls(id: string): Promise<FnResult<{ photos: EvidencePhoto[] }>> {
  const result = await gateway.call<{ photos?: unknown }>('records', { action: 'evidenceUrl', id })
  if (!result.ok) return result
  const photos = Array.isArray(result.photos) ? result.photos : []
  return {
    ok: true,
    photos: photos
      .filter((p): p is EvidencePhoto => typeof p === 'object' && p !== null && typeof (p as EvidencePhoto).url === 'string')
      .map(({ side, url, expiresAt }) => ({ side: side === 'back' ? 'back' : 'front', url, expiresAt: String(expiresAt ?? '') })),
  }
}

/** Deletes the copies nothing refers to any more (a draft abandoned, the app killed mid-way). */
export async function sweepEvidenceCopies(referenced: () => ReadonlySet<string>): Promise<void> {
  const refs = await evidenceFiles.list()
  // Asked after the listing: a copy made meanwhile (a scan just finished) is referenced by then.
  const used = referenced()
  for (const ref of refs) if (!used.has(ref)) await evidenceFiles.discard(ref)
}
