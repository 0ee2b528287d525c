import { View, Text } from '@tarojs/components'
import './index.scss'

export default function RecordsPage() {
  return (
    <View className="records-page">
      <Text>我的记录</Text>
    </View>
  )
}
