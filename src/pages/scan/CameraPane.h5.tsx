// H5: Taro has no live camera in the browser; the frame shows where the card goes and the shutter
// opens the browser's picker (which offers the camera on phones).
import { View } from '@tarojs/components'
import { CardFrame } from './CardFrame'
import type { CameraPaneProps } from './CameraPane.types'

export function CameraPane({ hint }: CameraPaneProps) {
  return (
    <View className="camera-pane camera-pane--browser">
      <CardFrame hint={hint} />
    </View>
  )
}

export async function takePhoto(): Promise<string | null> {
  return null // the page falls back to the picker
}

export const hasLiveCamera = false
