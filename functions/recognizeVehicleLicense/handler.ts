// recognizeVehicleLicense: two actions.
// - uploadTarget: where the caller may upload its next photo (cloud: uploads/<openid>/<id>.jpg).
// - recognize (default): fileID → ownership check → download → byte check → quota → OCR →
//   normalize → validate. The upload is deleted afterwards (it holds personal data); a fileID
//   outside the caller's own prefix is refused before anything is downloaded or deleted.
// Errors are returned, never thrown.
import * as v from 'valibot'
import { appError, ProviderError } from '../../src/domain/errors'
import { normalize } from '../../src/domain/normalize'
import { validate } from '../../src/domain/validate'
import { todayInChina } from '../../src/domain/date'
import { logUnexpected } from '../shared/log'
import type { CallContext, FileStore, ImagePreparer, OcrProvider, QuotaStore, UploadTargets } from '../shared/ports'
import { RecognizeEvent, type Recognition, type RecognizeResult, type UploadTarget } from '../../src/contract/recognition'
import { fail, ok, type FnResult } from '../../src/contract/result'

/** WeChat's free OCR quota is 100/day per mini program; no single user may take a large share of it. */
export const DEFAULT_DAILY_LIMIT = 20

export interface RecognizeDeps {
  ocr: OcrProvider
  files: FileStore
  images: ImagePreparer
  quota: QuotaStore
  /** Cloud only: upload paths under the caller's prefix. Absent locally (uploads go through /api/upload). */
  uploads?: UploadTargets
  dailyLimit?: number
  now?: () => Date
}

export function createRecognizeHandler(deps: RecognizeDeps) {
  const dailyLimit = deps.dailyLimit ?? DEFAULT_DAILY_LIMIT
  const now = deps.now ?? (() => new Date())

  async function issueTarget(ctx: CallContext): Promise<FnResult<UploadTarget>> {
    if (!deps.uploads) return fail(appError('INVALID_INPUT', '本地后端请直接上传到 /api/upload'))
    return ok(await deps.uploads.issue(ctx.openid, now()))
  }

  async function recognize(fileID: string, mode: 'photo' | 'scan', ctx: CallContext): Promise<FnResult<Recognition>> {
    // Refused before any download or delete: the function's admin rights must never reach
    // another user's files.
    if (!deps.files.ownsUpload(fileID, ctx.openid)) return fail(appError('UPLOAD_NOT_OWNED'))
    try {
      const today = todayInChina(now())
      const original = await deps.files.download(fileID)
      const prepared = await deps.images.prepare(original)
      // Counted only for images that reach the provider: a bad file must not cost the user a try.
      if (!(await deps.quota.consume(ctx.openid, today, dailyLimit))) return fail(appError('QUOTA_EXCEEDED'))
      const output = await deps.ocr.recognize(prepared.image, mode)
      const license = normalize(output.raw)
      return ok({
        license,
        confidence: output.confidence ?? {},
        issues: validate(license, { today }),
        warnings: [...prepared.warnings, ...(output.warnings ?? [])],
        provider: deps.ocr.name,
      })
    } catch (error) {
      if (error instanceof ProviderError) return fail({ code: error.code, message: error.message })
      logUnexpected({ fn: 'recognizeVehicleLicense', requestId: ctx.requestId ?? '', action: 'recognize' }, error)
      return fail(appError('INTERNAL'))
    } finally {
      await deps.files.remove(fileID).catch((error) =>
        logUnexpected({ fn: 'recognizeVehicleLicense', requestId: ctx.requestId ?? '', action: 'deleteUpload' }, error),
      )
      await deps.uploads?.settle(fileID).catch((error) =>
        logUnexpected({ fn: 'recognizeVehicleLicense', requestId: ctx.requestId ?? '', action: 'settleUpload' }, error),
      )
    }
  }

  return async function handle(event: unknown, ctx: CallContext): Promise<RecognizeResult> {
    if (!ctx.openid) return fail(appError('UNAUTHORIZED'))
    const parsed = v.safeParse(RecognizeEvent, event)
    if (!parsed.success) return fail(appError('INVALID_INPUT', parsed.issues[0].message))
    const input = parsed.output
    try {
      return input.action === 'uploadTarget' ? await issueTarget(ctx) : await recognize(input.fileID, input.mode, ctx)
    } catch (error) {
      logUnexpected({ fn: 'recognizeVehicleLicense', requestId: ctx.requestId ?? '', action: input.action }, error)
      return fail(appError('INTERNAL'))
    }
  }
}
