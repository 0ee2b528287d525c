// The way into the review queue, shown only to staff. Whether the user is staff is the server's
// answer, carried by the first page of the records list (the store's `viewer`), so the records tab
// needs no call of its own; it changes with every pull (page shows when stale, pull-to-refresh, a
// new H5 dev identity).
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRecordsStore } from '../store/records'
import './StaffEntry.scss'

export function StaffEntry() {
  const viewer = useRecordsStore((s) => s.viewer)
  if (!viewer?.staff) return null
  return (
    <View className="staff-entry" onClick={() => Taro.navigateTo({ url: '/pages/staff/index' })}>
      <Text className="staff-entry__title">核验队列</Text>
      <Text className="staff-entry__count">{viewer.pending > 0 ? `待审核 ${viewer.pending} 条` : '暂无待审核'}</Text>
      <Text className="staff-entry__arrow">›</Text>
    </View>
  )
}
