// An EvidenceStore in memory for the records handler's photo tests: an upload is `up:<openid>:<name>`,
// claiming it keeps it as `kept:<openid>:<name>`, a release puts it back, and every call is logged in
// order (`log`) so a test can say exactly what storage was asked to do.
import type { EvidenceStore } from '../../functions/shared/ports'

export function createFakeEvidenceStore() {
  const uploads = new Set<string>()
  const log: string[] = []
  const store: EvidenceStore = {
    issueTarget: async (_openid, now) => ({ cloudPath: null, expiresAt: now.toISOString() }),
    async claim(fileId, openid) {
      if (!fileId.startsWith(`up:${openid}:`)) return { ok: false, error: { code: 'UPLOAD_NOT_OWNED', message: 'store wording' } }
      if (!uploads.delete(fileId)) return { ok: false, error: { code: 'UPLOAD_MISSING', message: '照片已过期，请重新拍摄' } }
      log.push(`claim ${fileId}`)
      return { ok: true, stored: fileId.replace(/^up:/, 'kept:') }
    },
    async kept(stored) {
      log.push(`kept ${stored}`)
    },
    async release(stored) {
      log.push(`release ${stored}`)
      uploads.add(stored.replace(/^kept:/, 'up:'))
    },
    async remove(stored) {
      log.push(`remove ${stored.join(',')}`)
    },
    async links(_id, photos) {
      log.push('links')
      return photos.map(({ side }) => ({ side, url: `u/${side}`, expiresAt: 'x' }))
    },
  }
  /** A photo `openid` has just uploaded. */
  const upload = (name: string, openid: string) => {
    const id = `up:${openid}:${name}`
    uploads.add(id)
    return id
  }
  return { store, uploads, log, upload }
}
