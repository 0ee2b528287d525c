// Small ports the cloud-function handlers are written against; adapters live beside them
// (weapp: wx-server-sdk) and in server/ (local backend: SQLite, disk, embedded OCR).
import type { AppError } from '../../src/domain/errors'
import type { FieldConfidence } from '../../src/domain/license'
import type { OcrMode, UploadTarget } from '../../src/contract/recognition'
import type { EvidenceLink } from '../../src/contract/records'

export interface OcrOutput {
  /** Provider-shaped payload; the handler runs domain normalize() on it. */
  raw: Record<string, unknown>
  confidence?: FieldConfidence
  /** Quality warnings in Chinese, e.g. 图片过小 / 图片模糊 / 证件不完整 */
  warnings?: string[]
}

export interface OcrProvider {
  readonly name: string
  /** Throws ProviderError (see ./errors) on provider failures. */
  recognize(image: Buffer, mode: OcrMode): Promise<OcrOutput>
}

export interface FileStore {
  /**
   * Whether `fileId` names an upload of this caller in this environment (cloud: under
   * `uploads/<openid>/`). Decided from the id alone, before anything is downloaded or deleted.
   */
  ownsUpload(fileId: string, openid: string): boolean
  /** Throws ProviderError(UPLOAD_MISSING) when the file is gone. */
  download(fileId: string): Promise<Buffer>
  remove(fileId: string): Promise<void>
}

/**
 * Issues upload paths and remembers them until the photo is recognized, so that photos whose
 * recognition never came (app killed, network gone) can be found and deleted by the timer.
 */
export interface UploadTargets {
  issue(openid: string, now: Date): Promise<UploadTarget>
  /** The photo at this file id was recognized (or refused) and deleted: forget it. */
  settle(fileId: string): Promise<void>
}

export interface Identity {
  openid: string
}

export interface PreparedImage {
  image: Buffer
  width: number
  height: number
  /** Chinese quality warnings, e.g. 图片过小 */
  warnings: string[]
}

/** Second guard before OCR: orientation fixed, long side capped, under the provider's size limit. */
export interface ImagePreparer {
  /** Throws ProviderError(IMAGE_NOT_IMAGE | IMAGE_UNREADABLE | IMAGE_TOO_LARGE). */
  prepare(image: Buffer): Promise<PreparedImage>
}

/** Per-user daily recognition quota (WeChat's free OCR quota is small). */
export interface QuotaStore {
  /** Counts one use for (openid, day); false when that would exceed `limit`. Atomic. */
  consume(openid: string, day: string, limit: number): Promise<boolean>
}

/** A kept evidence photo as a store sees it (see functions/records/model.ts StoredEvidence). */
export interface EvidenceFile {
  side: 'front' | 'back'
  fileID: string
}

export type EvidenceClaim = { ok: true; stored: string } | { ok: false; error: AppError }

/**
 * Where evidence photos (the license photo kept with its record) live: cloud storage under
 * `evidence/<openid>/`, or DATA_DIR/evidence/ locally. Only the `records` function reaches them.
 */
export interface EvidenceStore {
  /** Cloud: a path under the caller's evidence prefix, remembered so an unused upload is swept; local: no path. */
  issueTarget(openid: string, now: Date): Promise<{ cloudPath: string | null; expiresAt: string }>
  /**
   * The caller's upload is to be kept: checks it is theirs and exists (local: moves it out of the
   * upload area). Answers the id to store, or UPLOAD_NOT_OWNED / UPLOAD_MISSING.
   */
  claim(fileId: string, openid: string): Promise<EvidenceClaim>
  /** The write keeping `stored` committed (cloud: forget its upload target). Best effort. */
  kept(stored: string): Promise<void>
  /** The write keeping `stored` failed: undo claim() so the client may try again. */
  release(stored: string): Promise<void>
  /** Deletes kept photos; already missing ones are fine. */
  remove(stored: readonly string[]): Promise<void>
  /** Short-lived links to the photos of a record (missing files are left out). */
  links(recordId: string, photos: readonly EvidenceFile[], now: Date): Promise<EvidenceLink[]>
}

/** What the hosting layer (wx-server-sdk on weapp, server/ locally) tells a handler about the caller. */
export interface CallContext {
  /** The caller's OPENID, established by the host, never by the event. */
  openid: string
  /** The platform's id of this invocation, for logs (SCF context.request_id). */
  requestId?: string
}
