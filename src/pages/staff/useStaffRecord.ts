// One record under review: its checks and audit trail from staffGet, and the decisions on it.
// After any decision, or a conflict with another staffer's, the view is re-read from the server.
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText } from '../../components/error-text'
import { isStaleError, staffApi, type StaffError, type StaffRecordDetail, type StaffResult } from '../../services/staff-api'

export type Decision = 'verify' | 'reject' | 'reopen'

export interface DecisionOutcome {
  ok: boolean
  /** Someone else changed the record first; the view now shows its current state. */
  stale: boolean
  /** Toast text for a success, or the error as users see it. */
  message: string
}

const DONE_TEXT: Record<Decision, string> = { verify: '已核验通过', reject: '已驳回', reopen: '已重新打开' }

export function useStaffRecord(id: string) {
  const [detail, setDetail] = useState<StaffRecordDetail | null>(null)
  const [loadError, setLoadError] = useState<StaffError | null>(null)
  /** Why the view was refreshed under the staffer (someone else decided first). */
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const latest = useRef(0)

  const load = useCallback(async () => {
    const seq = ++latest.current
    const result = await staffApi.get(id)
    if (seq !== latest.current) return false
    if (!result.ok) {
      setLoadError(result.error)
      return false
    }
    setLoadError(null)
    setDetail({ record: result.record, issues: result.issues, audit: result.audit })
    return true
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  const decide = useCallback(
    async (decision: Decision, reason?: string): Promise<DecisionOutcome> => {
      const record = detail?.record
      if (!record || busy) return { ok: false, stale: false, message: '' }
      setBusy(true)
      setNotice(null)
      try {
        let result: StaffResult<object>
        if (decision === 'verify') result = await staffApi.verify(record.id, record.version)
        else if (decision === 'reject') result = await staffApi.reject(record.id, record.version, reason ?? '')
        else result = await staffApi.reopen(record.id)
        if (result.ok) {
          await load()
          return { ok: true, stale: false, message: DONE_TEXT[decision] }
        }
        const stale = isStaleError(result.error)
        if (stale) {
          await load()
          setNotice(`${errorText(result.error)}。已刷新为最新状态，请核对后再操作`)
        }
        return { ok: false, stale, message: errorText(result.error) }
      } finally {
        setBusy(false)
      }
    },
    [detail, busy, load],
  )

  return { detail, loadError, notice, busy, reload: load, decide }
}
