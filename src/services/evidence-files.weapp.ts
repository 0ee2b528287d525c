// weapp: evidence copies are files under `${wx.env.USER_DATA_PATH}/evidence/` (user data persists
// across restarts, unlike temp files, which WeChat may delete once the session ends).
import Taro from '@tarojs/taro'
import { randomUuid } from '../store/records-model'
import type { EvidenceFiles } from './evidence-files.types'

const dir = () => `${Taro.env.USER_DATA_PATH}/evidence`

type Fs = ReturnType<typeof Taro.getFileSystemManager>

/** FileSystemManager's callback methods as a promise. */
function fsCall<T>(method: (fs: Fs, callbacks: { success: (res: T) => void; fail: (err: unknown) => void }) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => method(Taro.getFileSystemManager(), { success: resolve, fail: reject }))
}

function isOurs(ref: string): boolean {
  return ref.startsWith(`${dir()}/`)
}

async function ensureDir(): Promise<void> {
  try {
    await fsCall((fs, cb) => fs.access({ path: dir(), ...cb }))
  } catch {
    // "fail file already exists" when two copies race here: fine either way.
    await fsCall((fs, cb) => fs.mkdir({ dirPath: dir(), recursive: true, ...cb })).catch(() => undefined)
  }
}

export const evidenceFiles: EvidenceFiles = {
  async keep(path) {
    try {
      await ensureDir()
      const destPath = `${dir()}/${randomUuid()}.jpg`
      await fsCall((fs, cb) => fs.copyFile({ srcPath: path, destPath, ...cb }))
      return destPath
    } catch {
      return null
    }
  },
  async open(ref) {
    if (!isOurs(ref)) return null
    try {
      await fsCall((fs, cb) => fs.getFileInfo({ filePath: ref, ...cb }))
      return { path: ref, release: () => undefined }
    } catch {
      return null
    }
  },
  async discard(ref) {
    if (!isOurs(ref)) return
    await fsCall((fs, cb) => fs.unlink({ filePath: ref, ...cb })).catch(() => undefined)
  },
  async list() {
    try {
      const { files } = await fsCall<{ files: string[] }>((fs, cb) => fs.readdir({ dirPath: dir(), ...cb }))
      return files.map((name) => `${dir()}/${name}`)
    } catch {
      return []
    }
  },
}
