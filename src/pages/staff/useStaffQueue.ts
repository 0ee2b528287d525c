// The staff queue's state: one status tab, filters, pages loaded so far, and the per-status counts.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { LicenseRecord, RecordStatus, StatusCounts } from '../../contract/records'
import { staffApi, type StaffError } from '../../services/staff-api'

export const QUEUE_PAGE_SIZE = 20
/** The server's largest page (functions/shared/repo MAX_PAGE_SIZE): a reload re-reads at most this many. */
const MAX_RELOAD = 100

export interface QueueFilters {
  /** Leading characters of the plate, e.g. 粤B */
  platePrefix: string
  /** yyyy-mm-dd (China days); '' = open end */
  from: string
  to: string
}

export const NO_FILTERS: QueueFilters = { platePrefix: '', from: '', to: '' }

export interface QueueState {
  records: LicenseRecord[]
  counts: StatusCounts | null
  nextOffset: number | null
  loading: boolean
  error: StaffError | null
}

const INITIAL: QueueState = { records: [], counts: null, nextOffset: null, loading: false, error: null }

function queryOf(status: RecordStatus, filters: QueueFilters) {
  const platePrefix = filters.platePrefix.trim()
  return {
    status,
    ...(platePrefix ? { platePrefix } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  }
}

export function useStaffQueue(status: RecordStatus, filters: QueueFilters) {
  const [state, setState] = useState<QueueState>(INITIAL)
  // Answers to superseded requests (tab or filter changed meanwhile) are dropped.
  const requestSeq = useRef(0)
  const loaded = useRef(0)

  const fetchPage = useCallback(
    async (offset: number, limit: number, append: boolean) => {
      const seq = ++requestSeq.current
      setState((s) => ({ ...s, loading: true }))
      const result = await staffApi.queue({ ...queryOf(status, filters), offset, limit })
      if (seq !== requestSeq.current) return
      if (!result.ok) {
        setState((s) => ({ ...s, loading: false, error: result.error }))
        return
      }
      setState((s) => {
        const records = append ? [...s.records, ...result.records] : result.records
        loaded.current = records.length
        return { records, counts: result.counts, nextOffset: result.nextOffset, loading: false, error: null }
      })
    },
    [status, filters],
  )

  // A new tab or filter starts from the first page.
  useEffect(() => {
    loaded.current = 0
    setState(INITIAL)
    void fetchPage(0, QUEUE_PAGE_SIZE, false)
  }, [fetchPage])

  /** Re-reads what is shown (e.g. back from a decision), keeping the pages already loaded. */
  const reload = useCallback(() => {
    const limit = Math.min(MAX_RELOAD, Math.max(QUEUE_PAGE_SIZE, loaded.current))
    return fetchPage(0, limit, false)
  }, [fetchPage])

  const loadMore = useCallback(() => {
    if (state.loading || state.nextOffset === null) return Promise.resolve()
    return fetchPage(state.nextOffset, QUEUE_PAGE_SIZE, true)
  }, [fetchPage, state.loading, state.nextOffset])

  return { ...state, reload, loadMore }
}
