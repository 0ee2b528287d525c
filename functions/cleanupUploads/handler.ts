// cleanupUploads: run by its timer trigger (config.json), never by users. Deletes license photos
// whose recognition never came (app killed between upload and recognize, network gone) and
// evidence photos never attached to a record, once their upload target has expired; evidence
// photos EVIDENCE_RETENTION_DAYS after their record was decided; and per-user quota counters older
// than a week.
import { appError } from '../../src/domain/errors'
import { todayInChina, DAY_MS } from '../../src/domain/date'
import { DELETE_BATCH, FILE_NOT_EXIST } from '../shared/cloudbase/files'
import type { CloudUploadTargets } from '../shared/cloudbase/upload-targets'
import type { WxStorage } from '../shared/cloudbase/wx-cloud'
import { logUnexpected } from '../shared/log'
import type { CloudDatabase } from '../shared/repo/cloud-db'
import { fail, ok, type FnResult } from '../../src/contract/result'
import type { CallContext, EvidenceStore } from '../shared/ports'
import { withCollections } from '../shared/cloudbase/collections'
import { QUOTA_COLLECTION } from '../shared/cloudbase/quota'
import type { RecordRepo } from '../shared/repo/record-repo'
import { isEvidencePath } from '../shared/upload-paths'
import { sweepEvidence } from '../records/evidence-retention'

/** Pages of 100 expired targets per run: bounds one run well inside the function timeout. */
const MAX_PAGES = 10
const QUOTA_KEEP_DAYS = 7

export interface CleanupDeps {
  targets: CloudUploadTargets
  storage: Pick<WxStorage, 'deleteFile'>
  db: CloudDatabase
  /** Records, for evidence retention and to spare evidence uploads a record keeps. */
  repo: RecordRepo
  evidence: Pick<EvidenceStore, 'remove'>
  evidenceRetentionDays: number
  now?: () => Date
}

export interface CleanupReport {
  deleted: number
  /** Already gone (the client or the recognize function deleted them). */
  missing: number
  /** Expired but not deletable yet: no recognized upload has revealed the storage bucket. */
  unreachable: number
  quotaDocsRemoved: number
  /** Evidence uploads whose target expired but which a record keeps (attached, settle lost): only forgotten. */
  kept: number
  /** Records whose photos reached the end of their retention, and those photos. */
  evidenceRecords: number
  evidencePhotos: number
}

export function createCleanupHandler(deps: CleanupDeps) {
  const now = deps.now ?? (() => new Date())

  async function sweepUploads(at: Date, report: CleanupReport) {
    for (let page = 0; page < MAX_PAGES; page++) {
      const expired = await deps.targets.expired(at, 100)
      const reachable: typeof expired = []
      const settled: string[] = []
      for (const target of expired) {
        if (target.fileId === null) report.unreachable++
        else if (isEvidencePath(target.cloudPath) && (await deps.repo.evidenceHolder(target.fileId)) !== null) {
          report.kept++
          settled.push(target.id)
        } else reachable.push(target)
      }
      if (reachable.length === 0) {
        await deps.targets.forget(settled)
        return
      }
      for (let i = 0; i < reachable.length; i += DELETE_BATCH) {
        const batch = reachable.slice(i, i + DELETE_BATCH)
        const { fileList } = await deps.storage.deleteFile({ fileList: batch.map((target) => target.fileId as string) })
        for (const target of batch) {
          const status = fileList.find((entry) => entry.fileID === target.fileId)?.status
          if (status === 0) report.deleted++
          else if (status === FILE_NOT_EXIST) report.missing++
          else continue // kept for the next run
          settled.push(target.id)
        }
      }
      await deps.targets.forget(settled)
      if (settled.length === 0 || expired.length < 100) return
    }
  }

  async function sweepQuota(at: Date, report: CleanupReport) {
    const keepFrom = todayInChina(new Date(at.getTime() - QUOTA_KEEP_DAYS * DAY_MS))
    const _ = deps.db.command
    const { stats } = await withCollections(deps.db, [QUOTA_COLLECTION], () =>
      deps.db.collection(QUOTA_COLLECTION).where({ day: _.lt(keepFrom) }).remove(),
    )
    report.quotaDocsRemoved = stats.removed
  }

  return async function cleanup(_event: unknown, ctx: CallContext): Promise<FnResult<CleanupReport>> {
    // A timer invocation carries no OPENID; a call from the mini program always does.
    if (ctx.openid) return fail(appError('FORBIDDEN'))
    const report: CleanupReport = { deleted: 0, missing: 0, unreachable: 0, quotaDocsRemoved: 0, kept: 0, evidenceRecords: 0, evidencePhotos: 0 }
    try {
      const at = now()
      await sweepUploads(at, report)
      const retention = await sweepEvidence({ repo: deps.repo, store: deps.evidence, retentionDays: deps.evidenceRetentionDays }, at)
      report.evidenceRecords = retention.records
      report.evidencePhotos = retention.photos
      await sweepQuota(at, report)
      console.log(JSON.stringify({ level: 'info', event: 'cleanup', requestId: ctx.requestId, ...report }))
      return ok(report)
    } catch (error) {
      logUnexpected({ fn: 'cleanupUploads', requestId: ctx.requestId ?? '' }, error)
      return fail(appError('INTERNAL'))
    }
  }
}
