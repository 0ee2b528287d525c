// WeChat cloud function entry, bundled to cloudfunctions/recognizeVehicleLicense/index.js.
import cloudSdk from 'wx-server-sdk'
import { createOpenapiProvider } from '../shared/ocr/openapi'
import { createImageGuard } from '../shared/image-guard'
import { createCloudFileStore } from '../shared/cloudbase/files'
import { createCloudQuotaStore } from '../shared/cloudbase/quota'
import { createCloudUploadTargets } from '../shared/cloudbase/upload-targets'
import { requestIdOf } from '../shared/log'
import { nonNegativeIntSetting } from '../shared/settings'
import type { WxCloud } from '../shared/cloudbase/wx-cloud'
import { stripPlatformFields } from '../shared/platform-event'
import { createRecognizeHandler, DEFAULT_DAILY_LIMIT } from './handler'

const cloud = cloudSdk as unknown as WxCloud
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

const recognize = createRecognizeHandler({
  ocr: createOpenapiProvider(cloud),
  files: createCloudFileStore(cloud),
  images: createImageGuard(),
  quota: createCloudQuotaStore(cloud.database()),
  uploads: createCloudUploadTargets(cloud.database()),
  // 云函数 → 版本与配置 → 环境变量; "0" switches recognition off.
  dailyLimit: nonNegativeIntSetting('OCR_DAILY_LIMIT_PER_USER', process.env.OCR_DAILY_LIMIT_PER_USER, DEFAULT_DAILY_LIMIT),
})

export async function main(event: unknown, context?: unknown) {
  // OPENID is set by WeChat for calls from the mini program; the event is never trusted for it.
  return recognize(stripPlatformFields(event), { openid: cloud.getWXContext().OPENID ?? '', requestId: requestIdOf(context) })
}
