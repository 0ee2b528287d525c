import type { FileStore } from '../ports'
import type { WxCloud } from './wx-cloud'

/** Cloud storage: the client uploads with Taro.cloud.uploadFile and passes the fileID. */
export function createCloudFileStore(cloud: WxCloud): FileStore {
  return {
    async download(fileId) {
      const { fileContent } = await cloud.downloadFile({ fileID: fileId })
      return fileContent
    },
    async remove(fileId) {
      await cloud.deleteFile({ fileList: [fileId] })
    },
  }
}
