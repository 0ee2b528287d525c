import { View, Text } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { STATUS_TAG, STATUS_LABELS, SYNC_TEXT } from '../../components/status'
import { maskOwner, type LocalRecord } from '../../store/records'

/** One list row; owner is masked here (PII), shown in full only on the record page. */
export const RECORD_ITEM_HEIGHT = 96 // px, row plus gap: the virtual list positions rows by it
const GAP = 8

export function RecordItem({ record, onOpen }: { record: LocalRecord; onOpen: (id: string) => void }) {
  const sync = SYNC_TEXT[record.sync]
  return (
    <View
      className="record-item"
      style={{ height: `${RECORD_ITEM_HEIGHT - GAP}px`, marginBottom: `${GAP}px` }}
      data-id={record.id}
      onClick={() => onOpen(record.id)}
    >
      <View className="record-item__top">
        <Text className="record-item__plate">{record.license.plateNum || '（无号牌）'}</Text>
        <Tag type={STATUS_TAG[record.status]}>{STATUS_LABELS[record.status]}</Tag>
        {sync && <Text className={`record-item__sync record-item__sync--${record.sync}`}>{sync}</Text>}
      </View>
      <View className="record-item__meta">
        <Text>{maskOwner(record.license.owner)}</Text>
        <Text className="record-item__model">{record.license.model}</Text>
      </View>
      <View className="record-item__meta">
        <Text className="record-item__vin">{record.license.vin}</Text>
        <Text>{record.updatedAt.slice(0, 10)}</Text>
      </View>
    </View>
  )
}
