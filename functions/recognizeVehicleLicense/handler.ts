// recognizeVehicleLicense: fileID → download → prepare → OCR → normalize → validate; the upload is
// always deleted afterwards (it holds personal data). Errors are returned, never thrown.
import * as v from 'valibot'
import { appError, ProviderError } from '../../src/domain/errors'
import { normalize } from '../../src/domain/normalize'
import { validate, type FieldIssue } from '../../src/domain/validate'
import { todayInChina } from '../../src/domain/date'
import type { FieldConfidence, VehicleLicense } from '../../src/domain/license'
import type { FileStore, ImagePreparer, OcrProvider, QuotaStore } from '../shared/ports'
import { fail, ok, type CallContext, type FnResult } from '../shared/result'

/** WeChat's free OCR quota is 100/day per mini program; no single user may take a large share of it. */
export const DEFAULT_DAILY_LIMIT = 20

const RecognizeEvent = v.strictObject({
  fileID: v.pipe(v.string(), v.minLength(1), v.maxLength(512), v.regex(/^(cloud|local):\/\/[\w./-]+$/, 'fileID 格式无效')),
  mode: v.optional(v.picklist(['photo', 'scan']), 'photo'),
})

export interface RecognizeDeps {
  ocr: OcrProvider
  files: FileStore
  images: ImagePreparer
  quota: QuotaStore
  dailyLimit?: number
  now?: () => Date
}

export interface Recognition {
  license: VehicleLicense
  confidence: FieldConfidence
  issues: FieldIssue[]
  warnings: string[]
  provider: string
}

export function createRecognizeHandler(deps: RecognizeDeps) {
  const dailyLimit = deps.dailyLimit ?? DEFAULT_DAILY_LIMIT
  const now = deps.now ?? (() => new Date())

  return async function recognize(event: unknown, ctx: CallContext): Promise<FnResult<Recognition>> {
    if (!ctx.openid) return fail(appError('UNAUTHORIZED'))
    const parsed = v.safeParse(RecognizeEvent, event)
    if (!parsed.success) return fail(appError('INVALID_INPUT', parsed.issues[0].message))
    const { fileID, mode } = parsed.output
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
      return fail(appError('INTERNAL'))
    } finally {
      await deps.files.remove(fileID).catch(() => undefined)
    }
  }
}
