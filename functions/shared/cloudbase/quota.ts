import type { QuotaStore } from '../ports'
import type { WxDatabase } from './wx-cloud'

/**
 * One document per user and day in `ocr_quota`. The conditional increment is atomic on the server;
 * the first use of a day creates the document, and a racing second creation fails on the duplicate _id.
 */
export function createCloudQuotaStore(db: WxDatabase, collection = 'ocr_quota'): QuotaStore {
  const _ = db.command
  return {
    async consume(openid, day, limit) {
      const _id = `${openid}:${day}`
      const { stats } = await db.collection(collection).where({ _id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } })
      if (stats.updated === 1) return true
      if (limit < 1) return false
      try {
        await db.collection(collection).add({ data: { _id, openid, day, count: 1 } })
        return true
      } catch {
        return false // the document exists: the limit is reached
      }
    },
  }
}
