import type { QuotaStore } from '../ports'
import type { CloudDatabase } from '../repo/cloud-db'
import { withCollections } from './collections'

export const QUOTA_COLLECTION = 'ocr_quota'

const isDuplicateId = (error: unknown) => /duplicate|E11000|already exists/i.test(String((error as { message?: unknown; errMsg?: unknown })?.errMsg ?? (error as Error)?.message ?? error))

/**
 * One document per user and day, `_id` = openid:day. The conditional increment (count < limit) is
 * atomic on the server. The first use of a day creates the document; when two first uses race,
 * the loser's add fails on the duplicate _id and it goes back to the conditional increment
 * instead of reading the collision as "limit reached".
 */
export function createCloudQuotaStore(db: CloudDatabase, collection = QUOTA_COLLECTION): QuotaStore {
  const _ = db.command
  const quota = () => db.collection(collection)
  return {
    consume(openid, day, limit) {
      if (limit < 1) return Promise.resolve(false)
      const _id = `${openid}:${day}`
      return withCollections(db, [collection], async () => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const { stats } = await quota().where({ _id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } })
          if (stats.updated === 1) return true
          try {
            await quota().add({ data: { _id, openid, day, count: 1 } })
            return true
          } catch (error) {
            if (!isDuplicateId(error)) throw error
            // The document exists: either the limit is reached or a racing first call created it.
            const { data } = await quota().where({ _id }).limit(1).get()
            if (data.length && Number(data[0].count) >= limit) return false
          }
        }
        return false
      })
    },
  }
}
