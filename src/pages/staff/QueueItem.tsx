import { View, Text } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { LicenseRecord } from '../../contract/records'
import { STATUS_TAG, STATUS_LABELS } from '../../components/status'
import { chinaTime } from './format'

/** Fields the owner changed from what was recognized: a quick sign of how much to check. */
function changedCount(record: LicenseRecord): number {
  const { recognized, license } = record
  if (!recognized) return 0
  return (Object.keys(license) as (keyof typeof license)[]).filter((key) => recognized[key] !== license[key]).length
}

export function QueueItem({ record, onOpen }: { record: LicenseRecord; onOpen: (id: string) => void }) {
  const changed = changedCount(record)
  return (
    <View className="queue-item" data-id={record.id} onClick={() => onOpen(record.id)}>
      <View className="queue-item__top">
        <Text className="queue-item__plate">{record.license.plateNum || '（无号牌）'}</Text>
        <Tag type={STATUS_TAG[record.status]}>{STATUS_LABELS[record.status]}</Tag>
        {changed > 0 && <Text className="queue-item__changed">改动 {changed} 项</Text>}
      </View>
      <View className="queue-item__meta">
        <Text>{record.license.owner || '—'}</Text>
        <Text className="queue-item__model">{record.license.model}</Text>
      </View>
      <View className="queue-item__meta">
        <Text className="queue-item__vin">{record.license.vin}</Text>
        <Text>{chinaTime(record.updatedAt)}</Text>
      </View>
      {record.status === 'rejected' && record.rejectReason && (
        <Text className="queue-item__reason">驳回原因：{record.rejectReason}</Text>
      )}
    </View>
  )
}
