import { View, Text } from '@tarojs/components'
import './index.scss'

export default function ReviewPage() {
  return (
    <View className="review-page">
      <Text>核对信息</Text>
    </View>
  )
}
