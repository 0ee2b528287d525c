import type { WxCloudOcr } from '../ocr/openapi'
import type { CloudDatabase } from '../repo/cloud-db'

// The slice of wx-server-sdk the cloud functions use, typed so adapters stay testable.

/** What getWXContext() tells about the current call (WeChat sets it per invocation). */
export interface WxContext {
  OPENID?: string
  APPID?: string
  /** The id of the cloud environment this function runs in. */
  ENV?: string
  SOURCE?: string
}

export interface WxStorage {
  /** Missing file: rejects with { errCode: -503003 } (STORAGE_FILE_NONEXIST). */
  downloadFile(args: { fileID: string }): Promise<{ fileContent: Buffer }>
  /** Never rejects for a missing file: each entry carries its own status (0 = deleted). */
  deleteFile(args: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg?: string }> }>
}

export interface WxCloud extends WxCloudOcr, WxStorage {
  DYNAMIC_CURRENT_ENV: unknown
  init(options: { env: unknown }): void
  getWXContext(): WxContext
  database(): CloudDatabase
}
