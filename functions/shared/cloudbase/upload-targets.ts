// Upload paths handed to clients, remembered in `upload_targets` until the photo is recognized, so
// the cleanup timer can find photos whose recognition never came. The server SDK cannot list
// storage, and deleteFile needs a full file id (cloud://<env>.<bucket>/<path>), so the bucket is
// learned from the first recognized upload and kept in `storage_meta`.
import { randomBytes } from 'crypto'
import type { UploadTarget } from '../../../src/contract/recognition'
import type { UploadTargets } from '../ports'
import type { CloudDatabase } from '../repo/cloud-db'
import { fileIdInBucketOf, parseCloudFileId, uploadPathFor, UPLOADS_DIR, type StorageDir } from '../upload-paths'
import { withCollections } from './collections'

export const UPLOAD_TARGETS_COLLECTION = 'upload_targets'
export const STORAGE_META_COLLECTION = 'storage_meta'
const BUCKET_DOC = 'bucket'
/** A photo not recognized within a day is deleted by the timer. */
export const UPLOAD_TTL_MS = 24 * 3600 * 1000

export interface ExpiredUpload {
  id: string
  cloudPath: string
  /** null while no recognized upload has revealed the bucket */
  fileId: string | null
}

export interface CloudUploadTargets extends UploadTargets {
  /** A path under `dir` (uploads/ for recognition, evidence/ for kept photos), remembered until settled. */
  issueIn(dir: StorageDir, openid: string, now: Date): Promise<UploadTarget>
  /** Targets whose expiry is at or before `now`, oldest first, at most `limit` (≤ 100). */
  expired(now: Date, limit: number): Promise<ExpiredUpload[]>
  forget(ids: readonly string[]): Promise<void>
  /**
   * Hands an existing file to the timer: it is deleted on the next run at or after `expiresAt`
   * (unless a record keeps it). For photos whose deletion failed after their record let go of them.
   */
  track(fileId: string, expiresAt: Date): Promise<void>
}

const idOfPath = (path: string): string | null => /\/([A-Za-z0-9_-]+)\.jpg$/.exec(path)?.[1] ?? null

export function createCloudUploadTargets(db: CloudDatabase): CloudUploadTargets {
  const _ = db.command
  const targets = () => db.collection(UPLOAD_TARGETS_COLLECTION)
  const meta = () => db.collection(STORAGE_META_COLLECTION)
  let bucketKnown = false

  const rememberBucket = async (fileId: string) => {
    if (bucketKnown) return
    await withCollections(db, [STORAGE_META_COLLECTION], async () => {
      const { stats } = await meta().doc(BUCKET_DOC).update({ data: { sampleFileId: fileId } })
      if (stats.updated === 0) await meta().add({ data: { _id: BUCKET_DOC, sampleFileId: fileId } }).catch(() => undefined)
    })
    bucketKnown = true
  }

  const bucketSample = async (): Promise<string | null> =>
    withCollections(db, [STORAGE_META_COLLECTION], async () => {
      const { data } = await meta().where({ _id: BUCKET_DOC }).limit(1).get()
      return typeof data[0]?.sampleFileId === 'string' ? data[0].sampleFileId : null
    })

  const issueIn = async (dir: StorageDir, openid: string, now: Date): Promise<UploadTarget> => {
    const id = randomBytes(12).toString('hex')
    const cloudPath = uploadPathFor(openid, `${id}.jpg`, dir)
    const expiresAt = new Date(now.getTime() + UPLOAD_TTL_MS).toISOString()
    await withCollections(db, [UPLOAD_TARGETS_COLLECTION], () =>
      targets().add({ data: { _id: id, openid, cloudPath, createdAt: now.toISOString(), expiresAt } }),
    )
    return { cloudPath, expiresAt }
  }

  return {
    issueIn,
    issue: (openid, now) => issueIn(UPLOADS_DIR, openid, now),

    async settle(fileId) {
      const parsed = parseCloudFileId(fileId)
      const id = parsed && idOfPath(parsed.path)
      if (!id) return
      await withCollections(db, [UPLOAD_TARGETS_COLLECTION], () => targets().doc(id).remove())
      await rememberBucket(fileId)
    },

    async expired(now, limit) {
      const [docs, sample] = await Promise.all([
        withCollections(db, [UPLOAD_TARGETS_COLLECTION], async () => {
          const { data } = await targets().where({ expiresAt: _.lte(now.toISOString()) }).orderBy('expiresAt', 'asc').limit(limit).get()
          return data
        }),
        bucketSample(),
      ])
      return docs.map((doc) => ({
        id: String(doc._id),
        cloudPath: String(doc.cloudPath),
        fileId: sample === null ? null : fileIdInBucketOf(sample, String(doc.cloudPath)),
      }))
    },

    async track(fileId, expiresAt) {
      const parsed = parseCloudFileId(fileId)
      const id = parsed && idOfPath(parsed.path)
      if (!parsed || !id) return
      const data = { openid: parsed.path.split('/')[1] ?? '', cloudPath: parsed.path, createdAt: expiresAt.toISOString(), expiresAt: expiresAt.toISOString() }
      await withCollections(db, [UPLOAD_TARGETS_COLLECTION], async () => {
        const { stats } = await targets().doc(id).update({ data })
        if (stats.updated === 0) await targets().add({ data: { _id: id, ...data } })
      })
    },

    async forget(ids) {
      if (ids.length === 0) return
      await targets().where({ _id: _.in([...ids]) }).remove()
    },
  }
}
