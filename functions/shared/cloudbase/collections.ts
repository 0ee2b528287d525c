// A fresh CloudBase environment has no collections, and CloudBase does not create one on first
// write: every call answers errCode -502005. The functions create what they use on that error
// and retry once, so nobody has to click collections together in the console.
import type { CloudDatabase } from '../repo/cloud-db'
import { errCodeOf } from '../sdk-error'

/** wx-server-sdk's DATABASE_COLLECTION_NOT_EXIST */
export const COLLECTION_NOT_EXIST = -502005

export function isCollectionMissing(error: unknown): boolean {
  if (errCodeOf(error) === COLLECTION_NOT_EXIST) return true
  const message = typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message ?? '') : String(error)
  return /collection not exist|DATABASE_COLLECTION_NOT_EXIST/i.test(message)
}

/** Creates each collection; one that exists already (or is being created concurrently) is fine. */
export async function createCollections(db: Pick<CloudDatabase, 'createCollection'>, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => db.createCollection(name).catch(() => undefined)))
}

/**
 * Runs `operation`; if it failed because one of `names` does not exist yet, creates them and runs
 * it once more. A second failure is a real one and propagates.
 */
export async function withCollections<T>(
  db: Pick<CloudDatabase, 'createCollection'>,
  names: readonly string[],
  operation: () => Promise<T>,
): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    if (!isCollectionMissing(error)) throw error
    await createCollections(db, names)
    return operation()
  }
}
