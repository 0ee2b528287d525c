import { View, Text } from '@tarojs/components'
import './index.scss'

export default function StaffPage() {
  return (
    <View className="staff-page">
      <Text>核验队列</Text>
    </View>
  )
}
