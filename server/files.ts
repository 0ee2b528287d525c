// FileStore on the local disk, standing in for WeChat cloud storage: uploads get
// `local://<owner tag>-<uuid>.<ext>` ids, the tag binding each upload to its uploader the way the
// cloud's `uploads/<openid>/` prefix does.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { appError, ProviderError } from '../src/domain/errors'
import type { FileStore } from '../functions/shared/ports'

const LOCAL_ID = /^local:\/\/([\w-]+\.(?:jpg|png|webp|bmp|gif|bin))$/

/** The file name of a `local://` upload id, or null for anything else. */
export const localUploadName = (fileId: string): string | null => LOCAL_ID.exec(fileId)?.[1] ?? null

export interface LocalFileStore extends FileStore {
  save(data: Buffer, extension: string, owner: string): Promise<string>
  /** Deletes uploads written before `cutoff` (never recognized); answers how many. */
  sweep(cutoff: Date): Promise<number>
}

/** Not the openid itself: file names end up in directory listings and logs. */
const ownerTag = (openid: string) => createHash('sha256').update(`upload-owner\n${openid}`).digest('hex').slice(0, 16)

export function createLocalFileStore(dir: string): LocalFileStore {
  const pathOf = (fileId: string) => {
    const m = LOCAL_ID.exec(fileId)
    if (!m) throw new ProviderError(appError('INVALID_INPUT', '文件 ID 无效'))
    return path.join(dir, m[1])
  }
  return {
    ownsUpload(fileId, openid) {
      const name = LOCAL_ID.exec(fileId)?.[1]
      return name !== undefined && openid !== '' && name.startsWith(`${ownerTag(openid)}-`)
    },
    async save(data, extension, owner) {
      await fs.mkdir(dir, { recursive: true })
      const name = `${ownerTag(owner)}-${randomUUID()}.${extension}`
      await fs.writeFile(path.join(dir, name), data)
      return `local://${name}`
    },
    async download(fileId) {
      try {
        return await fs.readFile(pathOf(fileId))
      } catch (error) {
        if (error instanceof ProviderError) throw error
        throw new ProviderError(appError('UPLOAD_MISSING'))
      }
    },
    async remove(fileId) {
      await fs.rm(pathOf(fileId), { force: true })
    },
    async sweep(cutoff) {
      const names = await fs.readdir(dir).catch(() => [] as string[])
      let removed = 0
      for (const name of names.filter((n) => LOCAL_ID.test(`local://${n}`))) {
        const file = path.join(dir, name)
        // Gone meanwhile (recognized and deleted) is fine: stat and rm both tolerate it.
        const stat = await fs.stat(file).catch(() => null)
        if (stat && stat.mtimeMs < cutoff.getTime()) {
          await fs.rm(file, { force: true })
          removed++
        }
      }
      return removed
    },
  }
}
