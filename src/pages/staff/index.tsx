// The staff review queue: records by status with counts, filters, paging, and the CSV export.
// A record opens in pages/staff/detail; coming back re-reads the queue (its status may have changed).
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useRef, useState } from 'react'
import type { RecordStatus } from '../../contract/records'
import { STATUS_LABELS } from '../../components/status'
import { errorText } from '../../components/error-text'
import { STAFF_ERROR } from '../../services/staff-api'
import { ExportPanel } from './ExportPanel'
import { QueueFilters } from './QueueFilters'
import { QueueItem } from './QueueItem'
import { StaffErrorView } from './StaffError'
import { StatusTabs } from './StatusTabs'
import { NO_FILTERS, useStaffQueue, type QueueFilters as Filters } from './useStaffQueue'
import './index.scss'

export default function StaffQueuePage() {
  const [status, setStatus] = useState<RecordStatus>('pending')
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const queue = useStaffQueue(status, filters)

  // The first show is the initial load (the hook's effect); later shows are returns from a record.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void queue.reload()
    shownBefore.current = true
  })
  useReachBottom(() => void queue.loadMore())

  // Without the role nothing else on this page can work.
  if (queue.error?.code === STAFF_ERROR.FORBIDDEN) return <StaffErrorView error={queue.error} />

  const open = (id: string) => Taro.navigateTo({ url: `/pages/staff/detail?id=${encodeURIComponent(id)}` })
  const filtered = Boolean(filters.platePrefix || filters.from || filters.to)

  return (
    <View className="staff-page">
      <StatusTabs value={status} counts={queue.counts} onChange={setStatus} />
      <QueueFilters value={filters} onChange={setFilters} />
      <ExportPanel from={filters.from} to={filters.to} />
      {queue.error && (
        <View className="staff-page__error">
          <Text>{errorText(queue.error)}</Text>
          <Text className="staff-page__retry" onClick={() => void queue.reload()}>
            重试
          </Text>
        </View>
      )}
      <View className="staff-page__list">
        {queue.records.map((record) => (
          <QueueItem key={record.id} record={record} onOpen={open} />
        ))}
        {queue.records.length === 0 && !queue.loading && !queue.error && (
          // Plain text: NutUI's Empty fetches its picture from a CDN, which the offline H5 setup lacks.
          <Text className="staff-page__empty">
            {filtered ? `没有符合条件的${STATUS_LABELS[status]}记录` : `没有${STATUS_LABELS[status]}的记录`}
          </Text>
        )}
      </View>
      <View className="staff-page__more">
        {queue.nextOffset !== null ? (
          <Button size="small" loading={queue.loading} onClick={() => void queue.loadMore()}>
            加载更多
          </Button>
        ) : (
          queue.records.length > 0 && <Text className="staff-page__end">已显示全部 {queue.records.length} 条</Text>
        )}
        {queue.loading && queue.records.length === 0 && <Text className="staff-page__end">加载中…</Text>}
      </View>
    </View>
  )
}
