import { View, Text } from '@tarojs/components'
import './index.scss'

export default function RecordPage() {
  return (
    <View className="record-page">
      <Text>记录详情</Text>
    </View>
  )
}
