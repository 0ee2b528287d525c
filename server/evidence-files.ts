// Evidence photos on the local backend: an upload the `records` function keeps is moved from the
// upload area (swept after an hour) into DATA_DIR/evidence/, stored as `evidence:<name>`. The
// photos are served only at /api/evidence/<token>: a token is valid 10 minutes and signed over the
// record, the side and the file that side keeps now, so once the record or photo is deleted or
// replaced it serves nothing. The signing key lives in memory (a restart revokes every link).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { appError } from '../src/domain/errors'
import { sniffImageKind } from '../src/domain/image'
import type { EvidenceStore } from '../functions/shared/ports'
import type { RecordRepo } from '../functions/shared/repo/record-repo'
import type { LocalFileStore } from './files'
import { localUploadName } from './files'

export const EVIDENCE_LINK_TTL_MS = 10 * 60 * 1000
/** The client uploads evidence with POST /api/upload, whose uploads are swept after an hour. */
const LOCAL_UPLOAD_TTL_MS = 60 * 60 * 1000
const STORED = /^evidence:([\w-]+\.(?:jpg|png|webp))$/
const TOKEN = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/

export interface EvidencePhotoFile {
  bytes: Buffer
  contentType: string
}

export interface LocalEvidenceStore extends EvidenceStore {
  /** The photo a link names, if the link is genuine, unexpired and its photo is still kept. */
  open(token: string): Promise<EvidencePhotoFile | null>
  /**
   * Deletes photos in the evidence folder that no record keeps and that were claimed before
   * `cutoff` (a crash between claim and write, a failed delete); answers how many.
   */
  sweepOrphans(cutoff: Date): Promise<number>
}

export interface LocalEvidenceOptions {
  dir: string
  uploadsDir: string
  files: Pick<LocalFileStore, 'ownsUpload'>
  repo: Pick<RecordRepo, 'get' | 'evidenceHolder'>
  now?: () => Date
  key?: Buffer
}

const CONTENT_TYPES: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

export function createLocalEvidenceStore(options: LocalEvidenceOptions): LocalEvidenceStore {
  const { dir, uploadsDir, files, repo } = options
  const now = options.now ?? (() => new Date())
  const key = options.key ?? randomBytes(32)
  const sign = (payload: string, fileID: string) => createHmac('sha256', key).update(`${payload}\n${fileID}`).digest('base64url')
  const nameOf = (stored: string) => STORED.exec(stored)?.[1] ?? null

  return {
    async issueTarget(_openid, at) {
      return { cloudPath: null, expiresAt: new Date(at.getTime() + LOCAL_UPLOAD_TTL_MS).toISOString() }
    },

    async claim(fileId, openid) {
      const name = localUploadName(fileId)
      if (name === null || !files.ownsUpload(fileId, openid) || !/\.(jpg|png|webp)$/.test(name)) {
        return { ok: false, error: appError('UPLOAD_NOT_OWNED') }
      }
      await fs.mkdir(dir, { recursive: true })
      const target = path.join(dir, name)
      try {
        await fs.rename(path.join(uploadsDir, name), target)
      } catch {
        return { ok: false, error: appError('UPLOAD_MISSING') }
      }
      // The orphan sweep's grace period counts from the claim, not from the upload.
      const at = now()
      await fs.utimes(target, at, at).catch(() => undefined)
      return { ok: true, stored: `evidence:${name}` }
    },

    async kept() {},

    async release(stored) {
      const name = nameOf(stored)
      if (name) await fs.rename(path.join(dir, name), path.join(uploadsDir, name)).catch(() => undefined)
    },

    async remove(stored) {
      for (const id of stored) {
        const name = nameOf(id)
        if (name) await fs.rm(path.join(dir, name), { force: true })
      }
    },

    async links(recordId, photos, at) {
      const expires = at.getTime() + EVIDENCE_LINK_TTL_MS
      return photos.map(({ side, fileID }) => {
        const payload = Buffer.from(JSON.stringify({ r: recordId, s: side, e: expires })).toString('base64url')
        return { side, url: `/api/evidence/${payload}.${sign(payload, fileID)}`, expiresAt: new Date(expires).toISOString() }
      })
    },

    async sweepOrphans(cutoff) {
      const names = await fs.readdir(dir).catch(() => [] as string[])
      let removed = 0
      for (const name of names) {
        const stored = `evidence:${name}`
        if (!STORED.test(stored)) continue
        const stat = await fs.stat(path.join(dir, name)).catch(() => null)
        if (!stat || stat.mtimeMs >= cutoff.getTime() || (await repo.evidenceHolder(stored)) !== null) continue
        await fs.rm(path.join(dir, name), { force: true })
        removed++
      }
      return removed
    },

    async open(token) {
      const match = TOKEN.exec(token)
      if (!match) return null
      const [, payload, signature] = match
      let claims: { r?: unknown; s?: unknown; e?: unknown }
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
      } catch {
        return null
      }
      if (typeof claims.r !== 'string' || typeof claims.e !== 'number' || claims.e <= now().getTime()) return null
      const record = await repo.get(claims.r)
      const photo = record?.evidence?.find((kept) => kept.side === claims.s)
      const name = photo && nameOf(photo.fileID)
      if (!photo || !name) return null
      const expected = Buffer.from(sign(payload, photo.fileID))
      if (!timingSafeEqual(expected, Buffer.from(signature))) return null
      const bytes = await fs.readFile(path.join(dir, name)).catch(() => null)
      const kind = bytes && sniffImageKind(bytes)
      return bytes && kind && CONTENT_TYPES[kind] ? { bytes, contentType: CONTENT_TYPES[kind] } : null
    },
  }
}
