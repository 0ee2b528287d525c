// FileStore on the local disk, standing in for WeChat cloud storage: uploads get `local://<name>` ids.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { appError, ProviderError } from '../src/domain/errors'
import type { FileStore } from '../functions/shared/ports'

const LOCAL_ID = /^local:\/\/([\w-]+\.(?:jpg|png|webp|bmp|gif|bin))$/

export interface LocalFileStore extends FileStore {
  save(data: Buffer, extension: string): Promise<string>
}

export function createLocalFileStore(dir: string): LocalFileStore {
  const pathOf = (fileId: string) => {
    const m = LOCAL_ID.exec(fileId)
    if (!m) throw new ProviderError(appError('INVALID_INPUT', '文件 ID 无效'))
    return path.join(dir, m[1])
  }
  return {
    async save(data, extension) {
      await fs.mkdir(dir, { recursive: true })
      const name = `${randomUUID()}.${extension}`
      await fs.writeFile(path.join(dir, name), data)
      return `local://${name}`
    },
    async download(fileId) {
      try {
        return await fs.readFile(pathOf(fileId))
      } catch (error) {
        if (error instanceof ProviderError) throw error
        throw new ProviderError({ code: 'OCR_101000', message: '图片不存在或已过期，请重新上传' })
      }
    },
    async remove(fileId) {
      await fs.rm(pathOf(fileId), { force: true })
    },
  }
}
