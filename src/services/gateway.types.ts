import type { FnResult } from '../../functions/shared/result'
import type { CancelSignal } from './cancellation'

export interface CallOptions {
  /** Aborts the request where the platform can; the result is then a CANCELLED error. */
  signal?: CancelSignal
}

/** The client's only way to the backend: cloud functions and image upload. */
export interface CloudGateway {
  init(): void
  call<T extends object>(name: string, data: object, options?: CallOptions): Promise<FnResult<T>>
  /** Uploads a local image (temp path or blob: URL); returns the fileID a function can download. */
  uploadImage(filePath: string, options?: CallOptions): Promise<FnResult<{ fileID: string }>>
}

export const CANCELLED = { code: 'CANCELLED', message: '已取消' } as const
