import { View, Text } from '@tarojs/components'

/** The card-shaped guide laid over the camera: a 行驶证 is 88 × 60 mm. */
export function CardFrame({ hint }: { hint: string }) {
  return (
    <View className="card-frame">
      <View className="card-frame__box">
        <View className="card-frame__corner card-frame__corner--tl" />
        <View className="card-frame__corner card-frame__corner--tr" />
        <View className="card-frame__corner card-frame__corner--bl" />
        <View className="card-frame__corner card-frame__corner--br" />
      </View>
      <Text className="card-frame__hint">{hint}</Text>
    </View>
  )
}
