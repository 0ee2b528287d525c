// Search over plate / VIN / owner. Each record's lowercased haystack is computed once per record
// object (records are immutable, so an edit makes a new object); a keystroke is then one
// substring test per record, and typing further only filters the previous result.
import type { LocalRecord } from './records-model'

const haystacks = new WeakMap<LocalRecord, string>()

function haystackOf(record: LocalRecord): string {
  let haystack = haystacks.get(record)
  if (haystack === undefined) {
    const { plateNum, vin, owner } = record.license
    // A newline separator keeps a query from matching across two fields.
    haystack = `${plateNum}\n${vin}\n${owner}`.toLowerCase()
    haystacks.set(record, haystack)
  }
  return haystack
}

/** Case-insensitive; spaces and the plate's middle dot are ignored ("粤b·12 345" finds 粤B12345). */
export function normalizeQuery(query: string): string {
  return query.replace(/[\s·•.]/g, '').toLowerCase()
}

interface SearchCache {
  results: Map<string, LocalRecord[]>
  lastQuery: string
}

/** Per records array (a new array per change, so entries die with it): query → result. */
const caches = new WeakMap<LocalRecord[], SearchCache>()
const MAX_CACHED_QUERIES = 64

/**
 * Records matching `query`, in list order; the whole list for an empty query. The same
 * (records, query) returns the same array, even with several lists searching at once, so it is
 * safe inside a zustand selector.
 */
export function searchRecords(records: LocalRecord[], query: string): LocalRecord[] {
  const needle = normalizeQuery(query)
  if (!needle) return records
  let cache = caches.get(records)
  if (!cache) {
    cache = { results: new Map(), lastQuery: '' }
    caches.set(records, cache)
  }
  const cached = cache.results.get(needle)
  if (cached) return cached
  // Every match for "粤b1" also matches "粤b": narrowing only needs the previous result.
  const previous = cache.lastQuery && needle.includes(cache.lastQuery) ? cache.results.get(cache.lastQuery) : undefined
  const result = (previous ?? records).filter((record) => haystackOf(record).includes(needle))
  if (cache.results.size >= MAX_CACHED_QUERIES) cache.results.clear()
  cache.results.set(needle, result)
  cache.lastQuery = needle
  return result
}
