// Evidence photos in cloud storage: the client uploads to `evidence/<openid>/<id>.jpg`, a path the
// `records` function hands out and remembers in `upload_targets` (so a photo never attached is
// deleted by cleanupUploads a day later). The storage rule is creator-only; staff and the owner see
// a photo only through getTempFileURL links the function issues after its own access check.
import { appError } from '../../../src/domain/errors'
import type { EvidenceStore } from '../ports'
import { EVIDENCE_DIR, isOwnEvidence } from '../upload-paths'
import { DELETE_BATCH, FILE_NOT_EXIST } from './files'
import type { CloudUploadTargets } from './upload-targets'
import type { WxContext, WxStorage } from './wx-cloud'

/** Seconds a link is valid (getTempFileURL maxAge). */
export const EVIDENCE_LINK_MAX_AGE_S = 600

export interface WxTempUrls {
  getTempFileURL(args: {
    fileList: Array<{ fileID: string; maxAge: number }>
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }> }>
}

export type WxEvidenceCloud = Pick<WxStorage, 'deleteFile'> & WxTempUrls & { getWXContext(): WxContext }

export function createCloudEvidenceStore(
  cloud: WxEvidenceCloud,
  targets: Pick<CloudUploadTargets, 'issueIn' | 'settle' | 'track'>,
  now: () => Date = () => new Date(),
): EvidenceStore {
  const temp = async (fileIDs: readonly string[]) =>
    (await cloud.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: EVIDENCE_LINK_MAX_AGE_S })) })).fileList

  return {
    issueTarget: (openid, now) => targets.issueIn(EVIDENCE_DIR, openid, now),

    async claim(fileId, openid) {
      const env = cloud.getWXContext().ENV
      // Decided from the id alone, before storage is asked anything.
      if (typeof env !== 'string' || env === '' || !isOwnEvidence(fileId, openid, env)) {
        return { ok: false, error: appError('UPLOAD_NOT_OWNED') }
      }
      const [entry] = await temp([fileId])
      return entry?.status === 0 ? { ok: true, stored: fileId } : { ok: false, error: appError('UPLOAD_MISSING') }
    },

    kept: (stored) => targets.settle(stored),

    // The upload stays where it is: the client may try the write again with the same fileID.
    async release() {},

    // A photo that could not be deleted now is handed to cleanupUploads, so none outlives its record.
    async remove(stored) {
      for (let i = 0; i < stored.length; i += DELETE_BATCH) {
        const batch = stored.slice(i, i + DELETE_BATCH)
        let failed: string[]
        try {
          const { fileList } = await cloud.deleteFile({ fileList: batch })
          const done = new Set(fileList.filter((entry) => entry.status === 0 || entry.status === FILE_NOT_EXIST).map((entry) => entry.fileID))
          failed = batch.filter((fileID) => !done.has(fileID))
        } catch {
          failed = batch
        }
        for (const fileID of failed) await targets.track(fileID, now())
      }
    },

    async links(_recordId, photos, now) {
      if (photos.length === 0) return []
      const expiresAt = new Date(now.getTime() + EVIDENCE_LINK_MAX_AGE_S * 1000).toISOString()
      const urls = await temp(photos.map((photo) => photo.fileID))
      return photos.flatMap(({ side, fileID }) => {
        const entry = urls.find((candidate) => candidate.fileID === fileID)
        return entry?.status === 0 && entry.tempFileURL ? [{ side, url: entry.tempFileURL, expiresAt }] : []
      })
    },
  }
}

