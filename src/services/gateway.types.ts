import type { FnResult } from '../contract/result'
import type { AppError } from '../domain/errors'
import type { CancelSignal } from './cancellation'

export interface CallOptions {
  /** Aborts the request where the platform can; the result is then a CANCELLED error. */
  signal?: CancelSignal
}

/**
 * Where one upload may go, as `recognizeVehicleLicense` hands it out for `{ action: 'uploadTarget' }`:
 * a path under the caller's own prefix (`uploads/<openid>/<id>.jpg`), good for one upload. The
 * function recognizes only files under the caller's prefix.
 */
export interface UploadTarget {
  cloudPath: string
  /** ISO instant the target is good until; the backend's cleanup removes a photo never recognized by then. */
  expiresAt: string
}

/** The `recognizeVehicleLicense` event that asks for an upload target. */
export const UPLOAD_TARGET_EVENT = { action: 'uploadTarget' } as const

export interface UploadOptions extends CallOptions {
  /** From reserveUpload; without it the gateway reserves one itself first (an extra round trip on weapp). */
  target?: UploadTarget | null
}

/** The client's only way to the backend: cloud functions and image upload. */
export interface CloudGateway {
  init(): void
  call<T extends object>(name: string, data: object, options?: CallOptions): Promise<FnResult<T>>
  /**
   * Reserves the place of the next upload. It may run while the image is being prepared.
   * weapp: a cloudPath from recognizeVehicleLicense; H5: null, the local backend names uploads itself.
   */
  reserveUpload(options?: CallOptions): Promise<FnResult<{ target: UploadTarget | null }>>
  /**
   * Uploads a local image (temp path or blob: URL); returns the fileID a function can download.
   * Cancelled while the file was going up: CANCELLED, and on weapp what arrived is deleted (H5: see
   * its deleteUpload).
   */
  uploadImage(filePath: string, options?: UploadOptions): Promise<FnResult<{ fileID: string }>>
  /**
   * Deletes the caller's own upload, for when the recognize function may not have run its own
   * cleanup (cancel after the upload, transport failure). Best effort: never rejects.
   */
  deleteUpload(fileID: string): Promise<void>
}

export const CANCELLED = { code: 'CANCELLED', message: '已取消' } as const

/**
 * Failures after which the function may not have run (or finished) its own cleanup of the upload:
 * the call never got an answer. An error the function returned itself is not one of them.
 */
const TRANSPORT_FAILURES: readonly string[] = [CANCELLED.code, 'NETWORK', 'FUNCTION_TIMEOUT', 'FUNCTION_NOT_DEPLOYED']

export function isTransportFailure(error: AppError): boolean {
  return TRANSPORT_FAILURES.includes(error.code)
}
