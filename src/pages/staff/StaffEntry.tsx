// The way into the review queue, shown only to staff (the server decides; see probeStaff).
// Placed on the records page; re-checks on every show and when the H5 dev identity changes.
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { getDevOpenid } from '../../services/dev-identity'
import { probeStaff } from '../../services/staff-api'
import './StaffEntry.scss'

/** Page shows reuse a staff answer (the pending count) this long, so a tab switch costs no call. */
export const STAFF_PROBE_FRESH_MS = 30_000

export function StaffEntry() {
  const [pending, setPending] = useState<number | null>(null)
  const probedAs = useRef<string | null>(null)
  const latest = useRef(0)
  const probedAt = useRef(0)
  const notStaff = useRef(false)

  const check = useCallback(async () => {
    const seq = ++latest.current
    probedAs.current = getDevOpenid()
    probedAt.current = Date.now()
    const probe = await probeStaff()
    if (seq !== latest.current) return
    notStaff.current = probe.ok && !probe.staff
    // Hidden unless the server says staff; a failed probe hides it too (the queue would fail as well).
    setPending(probe.ok && probe.staff ? probe.counts.pending : null)
  }, [])

  // The page's first show comes right after mount, which the effect below already covers. "Not
  // staff" holds while the page lives: the role is granted rarely, and a new staff member reopens
  // the mini program (or switches the H5 dev identity, which probes again).
  useDidShow(() => {
    if (!notStaff.current && Date.now() - probedAt.current >= STAFF_PROBE_FRESH_MS) void check()
  })
  // After every render: the dev switcher (H5) changes who we are without a page show. On weapp the
  // stored dev identity never changes, so this probes once.
  useEffect(() => {
    if (probedAs.current !== getDevOpenid()) void check()
  })

  if (pending === null) return null
  return (
    <View className="staff-entry" onClick={() => Taro.navigateTo({ url: '/pages/staff/index' })}>
      <Text className="staff-entry__title">核验队列</Text>
      <Text className="staff-entry__count">{pending > 0 ? `待审核 ${pending} 条` : '暂无待审核'}</Text>
      <Text className="staff-entry__arrow">›</Text>
    </View>
  )
}
