import { appError, ProviderError } from '../../../src/domain/errors'
import type { FileStore } from '../ports'
import { errCodeOf } from '../sdk-error'
import { isOwnUpload } from '../upload-paths'
import type { WxContext, WxStorage } from './wx-cloud'

/** wx-server-sdk's STORAGE_FILE_NONEXIST: a download rejects with it, a delete reports it per file. */
export const FILE_NOT_EXIST = -503003
/** deleteFile takes at most this many file ids per call. */
export const DELETE_BATCH = 50

/** Cloud storage: the client uploads with Taro.cloud.uploadFile under its own prefix and passes the fileID. */
export function createCloudFileStore(cloud: WxStorage & { getWXContext(): WxContext }): FileStore {
  return {
    ownsUpload(fileId, openid) {
      const env = cloud.getWXContext().ENV
      return typeof env === 'string' && env !== '' && isOwnUpload(fileId, openid, env)
    },
    async download(fileId) {
      try {
        const { fileContent } = await cloud.downloadFile({ fileID: fileId })
        return fileContent
      } catch (error) {
        if (errCodeOf(error) === FILE_NOT_EXIST) throw new ProviderError(appError('UPLOAD_MISSING'))
        throw error
      }
    },
    async remove(fileId) {
      await cloud.deleteFile({ fileList: [fileId] })
    },
  }
}
