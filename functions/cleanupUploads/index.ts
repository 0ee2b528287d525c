// WeChat cloud function entry (timer trigger, see config.json), bundled to
// cloudfunctions/cleanupUploads/index.js.
import cloudSdk from 'wx-server-sdk'
import { createCloudUploadTargets } from '../shared/cloudbase/upload-targets'
import type { WxCloud } from '../shared/cloudbase/wx-cloud'
import { requestIdOf } from '../shared/log'
import { createCleanupHandler } from './handler'

const cloud = cloudSdk as unknown as WxCloud
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()

const cleanup = createCleanupHandler({ targets: createCloudUploadTargets(db), storage: cloud, db })

export async function main(event: unknown, context?: unknown) {
  return cleanup(event, { openid: cloud.getWXContext().OPENID ?? '', requestId: requestIdOf(context) })
}
