// Wiring of the `records` function on WeChat cloud: CloudBase repo (it creates its collections in a
// fresh environment), staff from the `staff` collection or STAFF_OPENIDS, caller from
// getWXContext(). Kept apart from index.ts so it can be tested with a fake cloud.
import { isCollectionMissing } from '../shared/cloudbase/collections'
import { createCloudEvidenceStore, type WxEvidenceCloud } from '../shared/cloudbase/evidence'
import { createCloudUploadTargets } from '../shared/cloudbase/upload-targets'
import type { WxStorage } from '../shared/cloudbase/wx-cloud'
import { requestIdOf } from '../shared/log'
import type { CloudDatabase } from '../shared/repo/cloud-db'
import { createCloudbaseRepo } from '../shared/repo/cloudbase-repo'
import { stripPlatformFields } from '../shared/platform-event'
import { createRecordsHandler } from './handler'
import type { RecordsResult } from '../../src/contract/records-responses'

export { PLATFORM_EVENT_FIELDS, stripPlatformFields } from '../shared/platform-event'

export const STAFF_COLLECTION = 'staff'

/** The slice of wx-server-sdk this function uses. */
/** The slice of wx-server-sdk this function uses; without storage (a test double) it keeps no photos. */
export interface WxRecordsCloud extends Partial<Pick<WxStorage, 'deleteFile'> & Omit<WxEvidenceCloud, 'getWXContext' | 'deleteFile'>> {
  DYNAMIC_CURRENT_ENV: unknown
  init(options: { env: unknown }): void
  getWXContext(): { OPENID?: string; ENV?: string }
  database(): CloudDatabase
}

/** Staff are the openids in STAFF_OPENIDS (comma-separated) plus those with a document in `staff`. */
export function createCloudIsStaff(db: CloudDatabase, staffOpenids = ''): (openid: string) => Promise<boolean> {
  const configured = new Set(staffOpenids.split(',').map((s) => s.trim()).filter(Boolean))
  return async (openid) => {
    if (configured.has(openid)) return true
    try {
      const { data } = await db.collection(STAFF_COLLECTION).where({ openid }).limit(1).get()
      return data.length > 0
    } catch (error) {
      // No staff collection yet means no staff, not a broken function.
      if (isCollectionMissing(error)) return false
      throw error
    }
  }
}

const hasStorage = (cloud: WxRecordsCloud): cloud is WxRecordsCloud & WxEvidenceCloud =>
  typeof cloud.deleteFile === 'function' && typeof cloud.getTempFileURL === 'function'

export function createMain(cloud: WxRecordsCloud, env: Readonly<Record<string, string | undefined>> = process.env) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  const handler = createRecordsHandler({
    repo: createCloudbaseRepo(db),
    isStaff: createCloudIsStaff(db, env.STAFF_OPENIDS),
    evidence: hasStorage(cloud) ? createCloudEvidenceStore(cloud, createCloudUploadTargets(db)) : undefined,
  })
  return async function main(event: unknown, context?: unknown): Promise<RecordsResult> {
    // OPENID is set by WeChat for calls from the mini program; the event is never trusted for it.
    // The SCF context carries the invocation's request id, which failure logs quote.
    return handler(stripPlatformFields(event), { openid: cloud.getWXContext().OPENID ?? '', requestId: requestIdOf(context) })
  }
}
