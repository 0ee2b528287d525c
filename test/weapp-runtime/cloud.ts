// WeChat cloud as the mini program reaches it through wx.cloud: the two functions it calls run their
// real handlers, wired exactly as their cloud entries wire them (functions/recognizeVehicleLicense/
// index.ts, functions/records/cloud-entry.ts), over the stand-in environment the cloud-runtime suite
// uses (test/cloud-runtime/cloud-environment.ts: the CloudBase database fake, storage with the
// creator-only rule, cloud.openapi's OCR with the documented sample payload). In process: this suite
// is about the mini program; the bundles on CloudBase's Node versions are test:cloud's job.
import { CloudEnvironment } from '../cloud-runtime/cloud-environment'
import { createRecognizeHandler } from '../../functions/recognizeVehicleLicense/handler'
import { createMain as createRecordsMain } from '../../functions/records/cloud-entry'
import { createOpenapiProvider } from '../../functions/shared/ocr/openapi'
import { createImageGuard } from '../../functions/shared/image-guard'
import { createCloudFileStore } from '../../functions/shared/cloudbase/files'
import { createCloudQuotaStore } from '../../functions/shared/cloudbase/quota'
import { createCloudUploadTargets } from '../../functions/shared/cloudbase/upload-targets'
import { stripPlatformFields } from '../../functions/shared/platform-event'
import type { WxCloud, WxContext } from '../../functions/shared/cloudbase/wx-cloud'
import type { WxEvidenceCloud } from '../../functions/shared/cloudbase/evidence'

export const APPID = 'wx5f0a1b2c3d4e5f60'

export type CloudFunction = (event: Record<string, unknown>, openid: string) => Promise<unknown>

export interface FakeCloud {
  env: CloudEnvironment
  functions: Record<string, CloudFunction>
  /** Files in cloud storage, by fileID. */
  files(): string[]
}

export function createCloud(options: { staffOpenids?: string[] } = {}): FakeCloud {
  const env = new CloudEnvironment()
  // getWXContext() of the invocation in progress (the functions read it synchronously).
  let context: WxContext = {}
  const sdk: WxCloud & WxEvidenceCloud = {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init() {},
    getWXContext: () => context,
    database: () => env.db,
    openapi: env.wechat.openapi,
    async downloadFile({ fileID }) {
      const file = env.files.get(fileID)
      env.storageLog.push({ op: 'download', fileID, by: 'function', outcome: file ? 'ok' : 'missing' })
      if (!file) throw { errCode: -503003, errMsg: 'storage file not exists' }
      return { fileContent: Buffer.from(file.bytes) }
    },
    async deleteFile({ fileList }) {
      return {
        fileList: fileList.map((fileID) => {
          const existed = env.files.delete(fileID)
          env.storageLog.push({ op: 'delete', fileID, by: 'function', outcome: existed ? 'ok' : 'missing' })
          return existed ? { fileID, status: 0, errMsg: 'ok' } : { fileID, status: -503003, errMsg: 'storage file not exists' }
        }),
      }
    },
    // Evidence photo links (records function): the stand-in's answer shape, one per file.
    async getTempFileURL({ fileList }) {
      return {
        fileList: fileList.map(({ fileID, maxAge }) =>
          env.files.has(fileID)
            ? { fileID, tempFileURL: `https://${env.bucket}.tcb.qcloud.la/${encodeURIComponent(fileID)}?sign=stand-in&t=${maxAge}`, status: 0 }
            : { fileID, tempFileURL: '', status: -503003, errMsg: 'storage file not exists' },
        ),
      }
    },
  }

  const recognize = createRecognizeHandler({
    ocr: createOpenapiProvider(sdk),
    files: createCloudFileStore(sdk),
    images: createImageGuard(),
    quota: createCloudQuotaStore(sdk.database()),
    uploads: createCloudUploadTargets(sdk.database()),
  })
  const recognizeMain = (event: unknown) => recognize(stripPlatformFields(event), { openid: context.OPENID ?? '', requestId: 'weapp-test' })
  const recordsMain = createRecordsMain(sdk, { STAFF_OPENIDS: (options.staffOpenids ?? []).join(',') })

  // One invocation at a time per function in this harness, as a single instance would run them.
  const invoke = (main: (event: unknown) => Promise<unknown>): CloudFunction => async (event, openid) => {
    context = { OPENID: openid, APPID: APPID, ENV: env.envId, SOURCE: 'wx_client' }
    return main({ ...event, userInfo: { appId: APPID, openId: openid } })
  }

  return {
    env,
    functions: { recognizeVehicleLicense: invoke(recognizeMain), records: invoke(recordsMain) },
    files: () => [...env.files.keys()],
  }
}
