// Cloud storage layout of license photos: each user's uploads live under `uploads/<openid>/`, and a
// function only ever touches the caller's own prefix in its own environment. Pure string rules,
// decided before any download or delete.

export const UPLOADS_DIR = 'uploads'
/** Evidence photos (kept with their record, only the `records` function reads them). */
export const EVIDENCE_DIR = 'evidence'
export type StorageDir = typeof UPLOADS_DIR | typeof EVIDENCE_DIR

/** What WeChat openids look like (28 chars of [A-Za-z0-9_-]); anything else never becomes a path. */
const OPENID = /^[A-Za-z0-9_-]{6,64}$/
const UPLOAD_NAME = /^[A-Za-z0-9_-]{8,64}\.jpg$/
/** cloud://<env>.<bucket>/<path>: env ids and bucket names are lowercase letters, digits, hyphens. */
const CLOUD_FILE_ID = /^cloud:\/\/([a-z0-9-]+)\.([a-z0-9-]+)\/(.+)$/

export function isSafeOpenid(openid: string): boolean {
  return OPENID.test(openid)
}

export function uploadPathFor(openid: string, name: string, dir: StorageDir = UPLOADS_DIR): string {
  if (!isSafeOpenid(openid)) throw new RangeError('openid cannot be used in a storage path')
  if (!UPLOAD_NAME.test(name)) throw new RangeError('invalid upload name')
  return `${dir}/${openid}/${name}`
}

export interface CloudFileId {
  env: string
  bucket: string
  path: string
}

export function parseCloudFileId(fileId: string): CloudFileId | null {
  const match = CLOUD_FILE_ID.exec(fileId)
  return match ? { env: match[1], bucket: match[2], path: match[3] } : null
}

/**
 * True only for `cloud://<env>.<bucket>/uploads/<openid>/<name>.jpg` in the caller's environment:
 * another path, `..`, an encoded slash or another user's prefix are all refused, because the
 * strict character sets leave no room for them.
 */
export function isOwnUpload(fileId: string, openid: string, env: string, expectedDir: StorageDir = UPLOADS_DIR): boolean {
  const parsed = parseCloudFileId(fileId)
  if (!parsed || parsed.env !== env || !isSafeOpenid(openid)) return false
  const [dir, owner, name, ...rest] = parsed.path.split('/')
  return dir === expectedDir && owner === openid && name !== undefined && UPLOAD_NAME.test(name) && rest.length === 0
}

/** The same rule for `evidence/<openid>/<name>.jpg`. */
export const isOwnEvidence = (fileId: string, openid: string, env: string): boolean => isOwnUpload(fileId, openid, env, EVIDENCE_DIR)

/** Whether a storage path is an evidence photo (the cleanup timer checks those are not kept before deleting). */
export const isEvidencePath = (path: string): boolean => path.startsWith(`${EVIDENCE_DIR}/`)

/** The file id of a path in the same bucket as a known file id (the server SDK cannot list files). */
export function fileIdInBucketOf(knownFileId: string, path: string): string | null {
  const parsed = parseCloudFileId(knownFileId)
  return parsed ? `cloud://${parsed.env}.${parsed.bucket}/${path}` : null
}
