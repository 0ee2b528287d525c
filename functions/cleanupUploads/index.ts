// WeChat cloud function entry (timer trigger, see config.json), bundled to
// cloudfunctions/cleanupUploads/index.js.
import cloudSdk from 'wx-server-sdk'
import { createCloudUploadTargets } from '../shared/cloudbase/upload-targets'
import type { WxCloud } from '../shared/cloudbase/wx-cloud'
import { requestIdOf } from '../shared/log'
import { createCloudEvidenceStore, type WxEvidenceCloud } from '../shared/cloudbase/evidence'
import { createCloudbaseRepo } from '../shared/repo/cloudbase-repo'
import { evidenceRetentionDays } from '../records/evidence-retention'
import { createCleanupHandler } from './handler'

const cloud = cloudSdk as unknown as WxCloud & WxEvidenceCloud
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
const targets = createCloudUploadTargets(db)

const cleanup = createCleanupHandler({
  targets,
  storage: cloud,
  db,
  repo: createCloudbaseRepo(db),
  evidence: createCloudEvidenceStore(cloud, targets),
  // 云函数 → cleanupUploads → 版本与配置 → 环境变量; "0" deletes at the next run after the decision.
  evidenceRetentionDays: evidenceRetentionDays(process.env),
})

export async function main(event: unknown, context?: unknown) {
  return cleanup(event, { openid: cloud.getWXContext().OPENID ?? '', requestId: requestIdOf(context) })
}
