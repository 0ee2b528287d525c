import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './index.scss'

export default function ScanPage() {
  return (
    <View className="scan-page">
      <Text className="scan-page__title">扫描行驶证</Text>
      <Button type="primary" block>拍照识别</Button>
    </View>
  )
}
