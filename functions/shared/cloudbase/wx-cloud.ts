import type { WxCloudOcr } from '../ocr/openapi'

// The slice of wx-server-sdk the cloud functions use, typed so adapters stay testable.

export interface WxDatabaseCommand {
  inc(n: number): unknown
  lt(v: unknown): unknown
}

export interface WxCollection {
  doc(id: string): { get(): Promise<{ data: Record<string, unknown> }> }
  where(query: Record<string, unknown>): { update(args: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> }
  add(args: { data: Record<string, unknown> }): Promise<{ _id: string }>
}

export interface WxDatabase {
  command: WxDatabaseCommand
  collection(name: string): WxCollection
}

export interface WxCloud extends WxCloudOcr {
  DYNAMIC_CURRENT_ENV: unknown
  init(options: { env: unknown }): void
  getWXContext(): { OPENID: string; APPID?: string }
  downloadFile(args: { fileID: string }): Promise<{ fileContent: Buffer }>
  deleteFile(args: { fileList: string[] }): Promise<unknown>
  database(): WxDatabase
}
