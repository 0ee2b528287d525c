import { Tabs } from '@nutui/nutui-react-taro'
import type { RecordStatus, StatusCounts } from '../../contract/records'
import { STATUS_LABELS } from '../../components/status'

const TAB_ORDER: readonly RecordStatus[] = ['pending', 'verified', 'rejected']

/** 待审核 N / 已核验 N / 已驳回 N; counts follow the current filters. */
export function StatusTabs({
  value,
  counts,
  onChange,
}: {
  value: RecordStatus
  counts: StatusCounts | null
  onChange: (status: RecordStatus) => void
}) {
  return (
    <Tabs className="status-tabs" value={value} activeType="line" duration={0} onChange={(next) => onChange(next as RecordStatus)}>
      {TAB_ORDER.map((status) => (
        <Tabs.TabPane key={status} value={status} title={counts ? `${STATUS_LABELS[status]} ${counts[status]}` : STATUS_LABELS[status]} />
      ))}
    </Tabs>
  )
}
