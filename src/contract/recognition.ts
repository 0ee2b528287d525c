// The wire contract of the `recognizeVehicleLicense` function: what a client sends and gets back.
import * as v from 'valibot'
import type { FieldConfidence, VehicleLicense } from '../domain/license'
import type { FieldIssue } from '../domain/validate'
import type { FnResult } from './result'

/** photo: a camera shot of the card; scan: a flat scan or screenshot. */
export type OcrMode = 'photo' | 'scan'

export const OCR_MODES: readonly OcrMode[] = ['photo', 'scan']

/** Cloud storage ids (`cloud://`) or the local backend's upload ids (`local://`). */
const FileId = v.pipe(v.string(), v.minLength(1), v.maxLength(512), v.regex(/^(cloud|local):\/\/[\w./-]+$/, 'fileID 格式无效'))

export const RecognizeEvent = v.variant('action', [
  v.strictObject({ action: v.literal('uploadTarget') }),
  v.strictObject({
    action: v.optional(v.literal('recognize'), 'recognize'),
    fileID: FileId,
    mode: v.optional(v.picklist(OCR_MODES), 'photo'),
  }),
])

/** What a client sends (optional members may be left out). */
export type RecognizeInput = v.InferInput<typeof RecognizeEvent>

/** Where a client may upload its next photo (cloud storage path under the caller's prefix). */
export interface UploadTarget {
  cloudPath: string
  /** ISO instant after which the cleanup timer deletes the file if it was never recognized. */
  expiresAt: string
}

/** A recognized license: the normalized fields, how sure the provider was of each, and the findings. */
export interface Recognition {
  license: VehicleLicense
  confidence: FieldConfidence
  issues: FieldIssue[]
  /** Quality warnings in Chinese, e.g. 图片过小 / 图片模糊 / 证件不完整 */
  warnings: string[]
  provider: string
}

export type RecognizeResult = FnResult<Recognition> | FnResult<UploadTarget>
