// weapp: live camera with the card guide; permission refusal offers a way to re-grant.
import { Camera, View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { CardFrame } from './CardFrame'
import type { CameraPaneProps } from './CameraPane.types'

export function CameraPane({ flash, hint, denied, onDenied }: CameraPaneProps) {
  const [key, setKey] = useState(0)
  if (denied) {
    return (
      <View className="camera-pane camera-pane--denied">
        <Text className="camera-pane__denied-title">无法使用相机</Text>
        <Text className="camera-pane__denied-text">请在设置中允许“摄像头”权限，或从相册选择行驶证照片。</Text>
        <Button
          type="primary"
          size="small"
          onClick={async () => {
            const { authSetting } = await Taro.openSetting()
            if (authSetting['scope.camera']) {
              onDenied(false)
              setKey((k) => k + 1) // remount the camera with the new permission
            }
          }}
        >
          去设置
        </Button>
      </View>
    )
  }
  return (
    <View className="camera-pane">
      <Camera key={key} className="camera-pane__camera" devicePosition="back" flash={flash ? 'on' : 'off'} onError={() => onDenied(true)} />
      <CardFrame hint={hint} />
    </View>
  )
}

export async function takePhoto(): Promise<string | null> {
  return new Promise((resolve) =>
    Taro.createCameraContext().takePhoto({
      quality: 'high',
      success: ({ tempImagePath }) => resolve(tempImagePath),
      fail: () => resolve(null),
    }),
  )
}

export const hasLiveCamera = true
